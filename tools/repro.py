"""Reproducible build check: build the same commit twice into two folders and compare every file
byte for byte; explain each difference (dates, gzip headers, ordering, ...).

Four pairs of builds, each pair from two fresh clones at different paths:

  same-env          two builds one after the other, nothing pinned: any difference is
                    nondeterminism (ordering, absolute paths, timestamps finer than a day)
  mkdocs-clock      SOURCE_DATE_EPOCH one day apart: what depends on MkDocs' build date
                    (and proof that MkDocs honours SOURCE_DATE_EPOCH)
  checker-clock     EXOFAQ_TODAY far apart: what depends on the checker's "today"
  pinned            both clocks pinned to the commit time: must be byte-identical

    python -m tools.repro [--ref HEAD] [--source .]
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import filecmp
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAY = 86_400


def env(**extra: str | None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EXOFAQ_TODAY")}
    base.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    base.update({k: v for k, v in extra.items() if v is not None})
    return base


def clone(source: Path, ref: str, dest: Path) -> Path:
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(source), str(dest)], check=True)
    subprocess.run(["git", "-C", str(dest), "checkout", "-q", ref], check=True)
    return dest


def commit_time(repo: Path) -> int:
    out = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    return int(out.stdout.strip())


def build(project: Path, out: Path, **extra: str | None) -> str:
    """Strict build into out; returns '' or the error output."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                           "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                          cwd=project, env=env(**extra), capture_output=True, text=True)
    return "" if done.returncode == 0 else (done.stderr or done.stdout).strip()[-1500:]


def all_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def compare(a: Path, b: Path) -> list[tuple[str, str]]:
    """(file, why) for every file that is missing on one side or differs."""
    files_a, files_b = all_files(a), all_files(b)
    found = [(f, "only in the first build") for f in sorted(files_a - files_b)]
    found += [(f, "only in the second build") for f in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        if not filecmp.cmp(a / name, b / name, shallow=False):
            found.append((name, explain((a / name).read_bytes(), (b / name).read_bytes(), name)))
    return found


def explain(one: bytes, two: bytes, name: str) -> str:
    if name.endswith(".gz"):
        return explain_gzip(one, two, name)
    if name.endswith(".json"):
        return explain_json(one, two)
    try:
        text_one, text_two = one.decode("utf-8"), two.decode("utf-8")
    except UnicodeDecodeError:
        return f"binary content differs ({len(one)} vs {len(two)} bytes)"
    return explain_text(text_one, text_two)


def explain_gzip(one: bytes, two: bytes, name: str) -> str:
    inner_one, inner_two = gzip.decompress(one), gzip.decompress(two)
    mtime = f"gzip header mtime {int.from_bytes(one[4:8], 'little')} vs {int.from_bytes(two[4:8], 'little')}"
    if inner_one == inner_two:
        return f"same content, {mtime}" if one[4:8] != two[4:8] else "same content, other gzip header bytes"
    return f"{mtime}; content: {explain(inner_one, inner_two, name[:-3])}"


def explain_json(one: bytes, two: bytes) -> str:
    data_one, data_two = json.loads(one), json.loads(two)
    if data_one == data_two:
        return "same data, different formatting or key order"
    docs_one, docs_two = data_one.get("docs"), data_two.get("docs")
    if isinstance(docs_one, list) and isinstance(docs_two, list):
        key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
        if sorted(map(key, docs_one)) == sorted(map(key, docs_two)):
            return f"search index: same {len(docs_one)} entries in a different order"
        changed = {d.get("location") for d in docs_one if key(d) not in set(map(key, docs_two))}
        return f"search index: {len(changed)} entries differ, e.g. {sorted(changed)[:3]}"
    return explain_text(json.dumps(data_one, indent=1, sort_keys=True), json.dumps(data_two, indent=1, sort_keys=True))


DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def explain_text(one: str, two: str) -> str:
    lines_one, lines_two = one.splitlines(), two.splitlines()
    changed = [(a, b) for a, b in zip(lines_one, lines_two) if a != b]
    if len(lines_one) != len(lines_two) or not changed:
        diff = [l for l in difflib.unified_diff(lines_one, lines_two, lineterm="", n=0) if l[:1] in "+-"][2:6]
        return f"{len(lines_one)} vs {len(lines_two)} lines; " + " | ".join(l.strip()[:100] for l in diff)
    first_a, first_b = changed[0]
    if all(DATE_RE.sub("DATE", a) == DATE_RE.sub("DATE", b) for a, b in changed):
        dates = sorted({d for a, b in changed for d in DATE_RE.findall(a) + DATE_RE.findall(b)})
        return f"{len(changed)} line(s) differ only in dates ({', '.join(dates[:4])}), e.g. {first_a.strip()[:90]}"
    return f"{len(changed)} line(s) differ, first: {first_a.strip()[:100]!r} vs {first_b.strip()[:100]!r}"


def scenarios(epoch: int, today: dt.date) -> list[tuple[str, dict, dict]]:
    pinned = {"SOURCE_DATE_EPOCH": str(epoch), "EXOFAQ_TODAY": dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat()}
    return [
        ("same-env", {}, {}),
        ("mkdocs-clock", {"SOURCE_DATE_EPOCH": str(epoch - 30 * DAY)}, {"SOURCE_DATE_EPOCH": str(epoch - 29 * DAY)}),
        ("checker-clock", {"EXOFAQ_TODAY": today.isoformat()},
         {"EXOFAQ_TODAY": (today + dt.timedelta(days=400)).isoformat()}),
        ("pinned", pinned, pinned),
    ]


def run(source: Path, work: Path, ref: str = "HEAD") -> dict:
    """Build each scenario's pair; returns the findings per scenario."""
    work.mkdir(parents=True, exist_ok=True)
    first, second = clone(source, ref, work / "clone-a"), clone(source, ref, work / "clone-b-other-path")
    epoch, today = commit_time(first), dt.date.today()
    result: dict = {"commit": subprocess.run(["git", "-C", str(first), "rev-parse", "--short", "HEAD"],
                                             capture_output=True, text=True).stdout.strip(),
                    "epoch": epoch, "scenarios": {}}
    for name, env_a, env_b in scenarios(epoch, today):
        out_a, out_b = work / f"{name}-a", work / f"{name}-b"
        error = build(first, out_a, **env_a)
        time.sleep(1.1)  # a second apart, so second-resolution timestamps would show
        error = error or build(second, out_b, **env_b)
        entry = {"env": (env_a, env_b), "error": error}
        if not error:
            entry["files"] = len(all_files(out_a))
            entry["diffs"] = compare(out_a, out_b)
            entry["lastmod"] = sorted(set(re.findall(r"<lastmod>([^<]*)</lastmod>",
                                                     (out_a / "sitemap.xml").read_text(encoding="utf-8"))))
        result["scenarios"][name] = entry
    return result


def report(result: dict, limit: int = 12) -> str:
    epoch_day = dt.datetime.fromtimestamp(result["epoch"], dt.timezone.utc).date()
    lines = [f"Commit {result['commit']} cloned twice (different paths), each pair built a second apart."]
    for name, entry in result["scenarios"].items():
        env_a, env_b = entry["env"]
        settings = " vs ".join(", ".join(f"{k}={v}" for k, v in e.items()) or "nothing pinned" for e in (env_a, env_b))
        if entry["error"]:
            lines.append(f"\n**{name}** ({settings}): build failed:\n\n```\n{entry['error']}\n```")
            continue
        diffs = entry["diffs"]
        verdict = "identical" if not diffs else f"{len(diffs)} of {entry['files']} files differ"
        lines.append(f"\n**{name}** ({settings}): {verdict}; sitemap lastmod in the first build: "
                     f"{', '.join(entry['lastmod']) or '-'}")
        lines += summarize(diffs, limit)
    mk = result["scenarios"].get("mkdocs-clock", {})
    if mk.get("lastmod"):
        expected = dt.datetime.fromtimestamp(result["epoch"] - 30 * DAY, dt.timezone.utc).date().isoformat()
        honoured = mk["lastmod"] == [expected]
        lines.append(f"\nSOURCE_DATE_EPOCH {'is' if honoured else 'is NOT'} honoured by MkDocs: set to {expected}, "
                     f"the sitemap says lastmod {', '.join(mk['lastmod'])} (and the sitemap.xml.gz header mtime follows).")
    if any(e.get("diffs") for n, e in result["scenarios"].items() if n != "same-env"):
        lines.append("\n" + PROPOSAL.format(day=epoch_day))
    return "\n".join(lines)


PROPOSAL = """Proposed fix (timestamps): build with both clocks pinned to the commit, as the `pinned` pair
does: `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)` (MkDocs then writes the commit day as every
sitemap lastmod and as the sitemap.xml.gz mtime) and let the checker's clock fall back to
SOURCE_DATE_EPOCH when EXOFAQ_TODAY is unset (scripts/checker.py today_from_env), or export
EXOFAQ_TODAY from the same commit time in the Pages workflow. Trade-off: review-overdue notices then
appear when the site is rebuilt from a newer commit, not on a rebuild of an old one (a scheduled
rebuild would have to pass the real date explicitly)."""


def summarize(diffs: list[tuple[str, str]], limit: int) -> list[str]:
    """Every non-HTML difference; HTML differences grouped by their explanation."""
    lines = [f"- `{f}`: {why}" for f, why in diffs if not f.endswith(".html")][:limit]
    groups: dict[str, list[str]] = {}
    for f, why in diffs:
        if f.endswith(".html"):
            groups.setdefault(re.sub(r"^\d+ vs \d+ lines; |^\d+ line\(s\) ", "", why)[:160], []).append(f)
    for why, files in sorted(groups.items(), key=lambda g: -len(g[1]))[:limit]:
        lines.append(f"- {len(files)} HTML page(s), e.g. `{files[0]}`: {why}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ref", default="HEAD")
    parser.add_argument("--source", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="exofaq-repro-") as tmp:
        result = run(args.source, Path(tmp), args.ref)
    print(report(result))
    pinned = result["scenarios"]["pinned"]
    return 0 if not pinned["error"] and not pinned["diffs"] else 1


if __name__ == "__main__":
    sys.exit(main())
