"""The rule registry (data/rules.yml) is the one list of rule ids: every id the checker or a tool
can print is registered, every registered id is emitted by the file it names and proven by a
failing-content test in the test file it names, and README's rule list is generated from it."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import ROOT
from scripts import checker, rules
from scripts.rule_registry import README, lookup, readme_section, registry, README_START, README_END

EMITTERS = sorted((ROOT / "scripts").glob("*.py")) + sorted((ROOT / "tools").glob("*.py"))
ID_RE = re.compile(r"^[a-z]+(-[a-z]+)*(-\*)?$")


def _constant_prefix(node: ast.AST) -> str | None:
    """A rule id argument: a string, or the literal start of an f-string (`axe-{...}`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return node.values[0].value + "*"
    return None


def emitted_ids(path: Path) -> set[str]:
    """Rule ids passed to Problem(...) / finding(...) or mapped in SCHEMA_RULE_IDS, in one file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            position = {"Problem": 2, "finding": 1}.get(name)
            if position is None:
                continue
            args = list(node.args) + [k.value for k in node.keywords if k.arg in ("rule", "rule_id")]
            arg = args[position] if len(node.args) > position else (args[-1] if node.keywords else None)
            value = _constant_prefix(arg) if arg is not None else None
            if value is not None:
                found.add(value)
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SCHEMA_RULE_IDS" for t in node.targets):
            found |= {v.elts[0].value for v in node.value.values}
    return found


def test_registry_entries_are_complete():
    for rule in registry().values():
        assert ID_RE.match(rule.id), rule.id
        assert rule.severity in ("error", "warning"), rule
        assert rule.group and rule.meaning and "\n" not in rule.meaning, rule
        assert (ROOT / rule.code).is_file() and (ROOT / rule.test).is_file(), rule


@pytest.mark.parametrize("path", EMITTERS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_emitted_id_is_registered(path):
    unregistered = [rid for rid in emitted_ids(path)
                    if (lookup(rid.rstrip("*") + "x") if rid.endswith("*") else lookup(rid)) is None]
    assert not unregistered, f"{path.name} emits ids missing from data/rules.yml: {unregistered}"


def test_every_registered_id_is_emitted_by_its_code_file():
    missing = []
    for rule in registry().values():
        text = (ROOT / rule.code).read_text(encoding="utf-8")
        literal = f'f"{rule.id[:-1]}' if rule.is_family else f'"{rule.id}"'
        if rule.code.endswith(".yml"):   # a data-driven rule (data/verdicts.yml `rules:`), emitted by its id
            literal = f"id: {rule.id}\n"
        if literal not in text:
            missing.append(f"{rule.id} (code: {rule.code})")
    assert not missing, f"registered but not emitted where data/rules.yml says: {missing}"


def proven_ids(path: Path) -> set[str]:
    """Ids a test file proves with failing content: the expected rule of a case table
    (a module-level list of tuples) or the ids of a `@pytest.mark.rule(...)` test."""
    known = set(registry())
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            for item in node.value.elts:
                if isinstance(item, ast.Tuple):
                    found |= {e.value for e in item.elts if isinstance(e, ast.Constant) and e.value in known}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "rule":
                    found |= {a.value for a in decorator.args if isinstance(a, ast.Constant)}
    return found


def test_every_registered_id_has_a_failing_content_test():
    missing = [f"{r.id} (test: {r.test})" for r in registry().values() if r.id not in proven_ids(ROOT / r.test)]
    assert not missing, ("registered ids with no failing-content test (a case in a case table, or a test "
                         f"marked @pytest.mark.rule(id)) in the test file data/rules.yml names: {missing}")


def test_readme_rule_list_is_generated_from_the_registry():
    text = README.read_text(encoding="utf-8")
    assert README_START in text and README_END in text
    current = text[text.index(README_START) + len(README_START):text.index(README_END)].strip()
    assert current == readme_section().strip(), "README rule list is stale: run python -m scripts.rule_registry readme"


def test_severity_comes_from_the_registry(project):
    overdue = [p for p in project.check(dt.date(2027, 2, 1)) if p.rule == "review-overdue"]
    assert overdue and {p.severity for p in overdue} == {registry()["review-overdue"].severity} == {"warning"}


@pytest.mark.rule("internal-error")
def test_an_unregistered_id_fails_closed(project, monkeypatch):
    def made_up(project, today):
        yield rules.Problem("docs/en/index.md", 1, "made-up-rule", "x")

    monkeypatch.setattr(checker, "RULES", [*rules.RULES, made_up])
    problems = project.check()
    hits = [p for p in problems if p.rule == "internal-error"]
    assert hits and "'made-up-rule' is not declared in data/rules.yml" in hits[0].message
    assert hits[0].severity == "error"


@pytest.mark.rule("internal-error")
def test_a_crashing_rule_fails_closed(project, monkeypatch):
    def crashes(project, today):
        raise KeyError("boom")

    monkeypatch.setattr(checker, "RULES", [crashes])
    hits = [p for p in project.check() if p.rule == "internal-error"]
    assert hits and "crashes" in hits[0].message and hits[0].severity == "error"


def test_tool_findings_must_use_registered_ids():
    from scripts.rule_registry import finding

    assert finding("site/a.html", "axe-image-alt", "x") == "site/a.html: axe-image-alt: x"
    with pytest.raises(ValueError, match="not in data/rules.yml"):
        finding("site/a.html", "link-brokn", "x")
