"""The headline figures of a bench/results.md, read back from its tables, so that a new run can
show the previous run's figures beside its own (tools/bench.py writes the summary first)."""

from __future__ import annotations

import re

ROW_RE = re.compile(r"(?m)^\| (.+) \|$")
SECONDS_RE = re.compile(r"([\d.]+) s")
KIB_RE = re.compile(r"\*\*([\d.]+) KiB\*\*")


def _rows(text: str, section: str) -> list[list[str]]:
    """Table rows (cells) of the `## section` part of the text."""
    match = re.search(rf"(?ms)^## {re.escape(section)}\b.*?(?=^## |\Z)", text)
    if not match:
        return []
    return [[c.strip() for c in row.split(" | ")] for row in ROW_RE.findall(match.group(0))]


def _seconds(cell: str) -> float | None:
    found = SECONDS_RE.search(cell)
    return float(found.group(1)) if found else None


def figures(text: str) -> dict[str, str]:
    """{figure name: shown value} from a results.md (any run that has the sections)."""
    out: dict[str, str] = {}
    for row in _rows(text, "Checker"):
        if row[0] == "10,000" and len(row) > 5:
            out["checker / floor at 10,000 pages"] = f"{row[5]}x"
        if row[0] == "10,000" and len(row) > 9:  # runs since the checker has helpers (parallel)
            out["processor time of the checker / floor at 10,000 pages"] = f"{row[8]}x"
    build = {row[0]: _seconds(row[1]) for row in _rows(text, "Strict build") if len(row) > 1}
    with_hooks, plain = build.get("strict build, with hooks"), build.get("strict build, hooks removed")
    if with_hooks and plain:
        out["strict build with hooks / plain build"] = f"{with_hooks / plain:.2f}x"
    cold = build.get("strict build, with hooks, nothing kept from earlier builds")
    if cold and plain:  # runs since a build keeps values for the next (scripts/derived_cache.py)
        out["strict build with hooks, nothing kept / plain build"] = f"{cold / plain:.2f}x"
    for row in _rows(text, "Edit loop"):
        if len(row) > 1 and row[0].isdigit():
            out["edit loop (save to served page), median"] = row[1]
    for row in _rows(text, "Bytes per page"):
        total = KIB_RE.search(" ".join(row))
        if total and row[0].startswith("/"):
            out[f"first visit, gzip: {row[0]}"] = f"{total.group(1)} KiB"
    for row in _rows(text, "Lighthouse"):
        if row[0].endswith("(gzip)") and len(row) > 4:
            out[f"Lighthouse perf/a11y/best-pr./SEO: {row[0].removesuffix(' (gzip)')}"] = "/".join(row[1:5])
    return out


def summary_section(previous: dict[str, str], now: dict[str, str], goals: dict[str, str]) -> str:
    names = list(now) + [name for name in previous if name not in now]
    lines = ["| figure | previous run | this run | goal |", "|---|---|---|---|"]
    for name in names:
        goal = next((g for prefix, g in goals.items() if name.startswith(prefix)), "")
        lines.append(f"| {name} | {previous.get(name, '-')} | {now.get(name, 'not measured')} | {goal} |")
    return "\n".join(lines)
