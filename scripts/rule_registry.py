"""The rule registry: every rule id that the checker, the build and the tools print, read from
`data/rules.yml` (id, severity, group, one-line meaning, the file that emits it, the test file
that proves it). Nothing else declares a rule id.

    python -m scripts.rule_registry readme   # rewrite the rule list in README.md
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import yamlfile

ROOT = Path(__file__).resolve().parent.parent
REGISTRY_FILE = ROOT / "data" / "rules.yml"
README = ROOT / "README.md"
README_START = "<!-- rule list: generated from data/rules.yml by `python -m scripts.rule_registry readme` -->"
README_END = "<!-- end of rule list -->"
FAMILY = "-*"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    group: str
    meaning: str
    code: str
    test: str

    @property
    def is_family(self) -> bool:
        return self.id.endswith(FAMILY)


@lru_cache(maxsize=None)
def registry() -> dict[str, Rule]:
    data = yamlfile.safe_load(REGISTRY_FILE.read_text(encoding="utf-8"))
    return {rid: Rule(rid, **entry) for rid, entry in data.items()}


def lookup(rule_id: str) -> Rule | None:
    """The registered rule of an id; `axe-image-alt` is found as the family `axe-*`."""
    rules = registry()
    if rule_id in rules:
        return rules[rule_id]
    return next((r for r in rules.values() if r.is_family and rule_id.startswith(r.id[:-1])
                 and len(rule_id) > len(r.id) - 1), None)


def severity(rule_id: str) -> str:
    rule = lookup(rule_id)
    return rule.severity if rule else "error"


def finding(where: str, rule_id: str, message: str) -> str:
    """One line of a tool's report, `where: rule-id: message`; the id must be registered."""
    if lookup(rule_id) is None:
        raise ValueError(f"rule id {rule_id!r} is not in data/rules.yml")
    return f"{where}: {rule_id}: {message}"


def readme_section() -> str:
    """The README's rule list: one bullet per rule, grouped as in data/rules.yml."""
    lines: list[str] = []
    group = None
    for rule in registry().values():
        if rule.group != group:
            group = rule.group
            lines += ["", f"**{group[0].upper() + group[1:]}**", ""]
        warning = " *(warning)*" if rule.severity == "warning" else ""
        lines.append(f"- `{rule.id}`{warning}: {rule.meaning}")
    return "\n".join(lines[1:])


def write_readme(path: Path = README) -> bool:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    new = text[:start] + "\n" + readme_section() + "\n" + text[end:]
    path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args != ["readme"]:
        print(__doc__)
        return 2
    changed = write_readme()
    print(f"README.md: rule list {'updated' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
