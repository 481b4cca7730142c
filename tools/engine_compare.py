"""Compare two builds of the site file by file (MkDocs vs ProperDocs, `make engine-compare`).

    python -m tools.engine_compare SITE_A SITE_B

Every file must exist in both and be byte-identical, except the generator meta tag of HTML
files (it names the engine). Prints one line per difference and a summary; exit 1 on any.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def normalised(data: bytes, name: str) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="">', data) if name.endswith(".html") else data


def compare(a: Path, b: Path) -> tuple[list[str], dict[str, int]]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    problems = [f"{rel}: only in {a}" for rel in sorted(files_a - files_b)]
    problems += [f"{rel}: only in {b}" for rel in sorted(files_b - files_a)]
    stats = {"files": len(files_a & files_b), "identical": 0, "generator-only": 0}
    for rel in sorted(files_a & files_b):
        da, db = (a / rel).read_bytes(), (b / rel).read_bytes()
        if da == db:
            stats["identical"] += 1
        elif normalised(da, rel) == normalised(db, rel):
            stats["generator-only"] += 1
        else:
            diff = difflib.unified_diff(da.decode("utf-8", "replace").splitlines(),
                                        db.decode("utf-8", "replace").splitlines(), lineterm="", n=0)
            first = next((line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")), "")
            problems.append(f"{rel}: differs: {first[:200]}")
    return problems, stats


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not all(Path(p).is_dir() for p in args):
        print("usage: python -m tools.engine_compare SITE_A SITE_B (two built sites)")
        return 2
    problems, stats = compare(Path(args[0]), Path(args[1]))
    for line in problems:
        print(line)
    print(f"engine compare: {stats['files']} files in both, {stats['identical']} identical, "
          f"{stats['generator-only']} differ only in the generator meta tag, {len(problems)} other difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
