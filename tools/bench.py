"""Measurements for `make bench` (not run in CI). Prints a Markdown report and writes it to
bench/results.md.

1. The checker on synthetic corpora of 100, 1,000 and 10,000 claim pages, against a floor
   measured in the same run: reading the same files and parsing their front matter with the
   fastest YAML loader available. Profiled when the ratio misses the goal.
2. The strict build of the real site with and without the project's hooks (alternating runs).
3. Lighthouse (bench/package.json) on the home page, a treatment page, Claims we checked and Arabic pages,
   served from localhost, plus the compressed bytes a first visit transfers.
4. Reproducibility (tools/repro.py): two builds of the same commit compared byte for byte.
5. The edit loop: `make serve LANG_CODE=es` on a copy, one page saved five times, the seconds
   until the served page shows the change.
A summary table at the top puts the previous results.md's figures beside this run's.

    python -m tools.bench [--sizes 100,1000,10000] [--skip lighthouse,repro,...]
    python -m tools.bench time checker|floor CORPUS     (one timed run, JSON; used internally)
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import gzip
import http.server
import io
import json
import mimetypes
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from scripts.parallel import MAX_HELPERS
from tools.bench_summary import figures, summary_section

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"
SIZES = (100, 1_000, 10_000)
COPY_IGNORE = shutil.ignore_patterns(".venv", "site", "node_modules", ".git", ".pytest_cache", ".cache",
                                     "__pycache__", "results.md")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
# a page of each type: home, claim page, generated page, Arabic home and claim page
LIGHTHOUSE_PAGES = ("", "cosmetic/hair-growth/", "claims-we-checked/", "ar/", "ar/cosmetic/hair-growth/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GZIP_LEVEL = 6
GOALS = {"checker": "<= 1.5x", "strict build": "<= 1.30x", "edit loop": "<= 1.5 s", "first visit": "<= 100 KB",
         "Lighthouse": ">= 98/100/100/100"}
CHECKER_GOAL, BUILD_GOAL = 1.5, 30.0  # checker <= 1.5x its floor; hooks add <= 30 % (1.3x)
LINEAR_GROWTH = 1.1  # per-page time from one corpus size to the next: up to 10 % noise still counts as linear


# --- small helpers ---------------------------------------------------------------------------

def env(**extra: str) -> dict[str, str]:
    """As `make` runs a command: Python keeps compiled modules (__pycache__) between runs."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1", **extra}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def fast_loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def copy_project(src: Path, dst: Path, hooks: bool = True) -> Path:
    """A copy of the project without venv, build output or VCS; optionally without `hooks:`."""
    shutil.copytree(src, dst, ignore=COPY_IGNORE, symlinks=True)
    if not hooks:
        config = dst / "mkdocs.yml"
        config.write_text(drop_hooks(config.read_text(encoding="utf-8")), encoding="utf-8")
    return dst


def drop_hooks(config: str) -> str:
    stripped = re.sub(r"(?m)^hooks:[ \t]*\n(?:[ \t]+-.*\n|[ \t]*\n)*", "", config)
    if re.search(r"(?m)^hooks:", stripped):
        raise ValueError("could not remove the hooks: entry from mkdocs.yml")
    return stripped


# --- 1. synthetic corpus ---------------------------------------------------------------------

TOPICS = ("basics", "cosmetic", "medical", "practical")
CLAIMS = (  # (evidence label, source types to cite): every label's `requires` is met
    ("early-human", ("human-study", "systematic-review")),
    ("preclinical", ("preclinical", "review")),
    ("not-supported", ("regulatory", "other")),  # other: every type not cited above
)
PAGE = """\
---
title: Synthetic claim page {i}
description: A generated claim page used to measure the content checker, number {i}.
topic: {topic}
reviewed: {reviewed}
review_due: {due}
claims:
{claims}
---
# Synthetic claim page {i}

Exosome treatments are offered for many conditions. This page is generated for a benchmark and
repeats the structure of a real claim page: three questions, each with an evidence label, a
short answer, a longer explanation and numbered citations. See also
[the next page]({next_link}) and the [first answer on this page](#{first_qid}).
{sections}"""
SECTION = """
## Question {j} of test page {i}: does the treatment work as the adverts say? {{#{qid}}}

Small studies report changes after treatment. But most had no group to compare with. So we
cannot tell how much came from the exosomes [@{first}].

- A review found few studies in people and many in cells or animals. (A review is a study that
  sums up the research on one question.) The authors said the evidence is limited [@{last}].
- Words like *regenerate* and *nourish* in adverts describe lab ideas. They are not results seen
  in people. Ask for the study, its size and whether it had a group to compare with.

| what | finding |
|---|---|
| studies in people | few, small, mostly without a comparison group |
| safety data | short follow-up only |
"""


def source_pools(sources: dict) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {}
    cited = {t for _, types in CLAIMS for t in types}
    for key, entry in sources.items():
        if isinstance(entry, dict):
            kind = entry.get("type") if entry.get("type") in cited else "other"
            pools.setdefault(kind, []).append(key)
    return pools


def page_rel(i: int) -> str:
    return f"group-{i // 100:03d}/page-{i:05d}.md"


def question_id(i: int, j: int) -> str:
    return f"q{j}-p{i}"


def synthetic_page(i: int, n: int, pools: dict[str, list[str]], today: dt.date) -> str:
    claims, sections = [], []
    for j, (label, types) in enumerate(CLAIMS):
        keys = [pools[t][(i + j) % len(pools[t])] for t in types if pools.get(t)]
        claims.append(f"  {question_id(i, j)}:\n    verdict: not-proven\n    strength: {label}\n    sources: [{', '.join(keys)}]")
        sections.append(SECTION.format(i=i, j=j, qid=question_id(i, j), first=keys[0], last=keys[-1]))
    nxt = (i + 1) % n
    next_link = f"../{page_rel(nxt)}#{question_id(nxt, 1)}"
    reviewed = today - dt.timedelta(days=30 + i % 200)
    return PAGE.format(i=i, topic=TOPICS[i % len(TOPICS)], reviewed=reviewed,
                       due=reviewed + dt.timedelta(days=330), claims="\n".join(claims),
                       next_link=next_link, first_qid=question_id(i, 0), sections="".join(sections))


def make_corpus(folder: Path, n: int, today: dt.date, real: Path = ROOT) -> Path:
    """n claim pages in docs/en, the real data files, an English-only mkdocs.yml."""
    (folder / "data").mkdir(parents=True)
    for data_file in sorted((real / "data").glob("*.yml")):
        shutil.copy2(data_file, folder / "data" / data_file.name)
    (folder / "data" / "claims.yml").write_text("{}\n", encoding="utf-8")  # the real claims point at real pages
    (folder / "mkdocs.yml").write_text(
        "site_name: Synthetic\ndocs_dir: docs\nplugins:\n  - i18n:\n      docs_structure: folder\n"
        "      languages:\n        - locale: en\n          default: true\n          name: English\n",
        encoding="utf-8")
    sources = yaml.load((folder / "data" / "sources.yml").read_text(encoding="utf-8"), Loader=fast_loader())
    pools = source_pools(sources)
    for i in range(n):
        path = folder / "docs" / "en" / page_rel(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic_page(i, n, pools, today), encoding="utf-8")
    if (real / "permalinks.lock.yml").exists():  # the checker of this tree requires a lock file
        lock = {page_rel(i): [question_id(i, j) for j in range(len(CLAIMS))] for i in range(n)}
        (folder / "permalinks.lock.yml").write_text(yaml.safe_dump(lock, sort_keys=False), encoding="utf-8")
    if (real / "grades.lock.yml").exists():  # ... and every grade logged (data/changelog.yml) and locked
        grades = {page_rel(i): {question_id(i, j): f"not-proven/{label}" for j, (label, _) in enumerate(CLAIMS)}
                  for i in range(n)}
        (folder / "grades.lock.yml").write_text(yaml.safe_dump(grades, sort_keys=False), encoding="utf-8")
        source = next(iter(sources))
        changes = [{"page": rel, "question": qid, "from": None, "to": grade}
                   for rel, questions in grades.items() for qid, grade in questions.items()]
        log = {"synthetic-baseline": {"date": (today - dt.timedelta(days=1)).isoformat(),
                                      "title": {"en": "Synthetic pages added"},
                                      "reason": {"en": "The benchmark corpus, graded once."},
                                      "sources": [source], "changes": changes}}
        (folder / "data" / "changelog.yml").write_text(yaml.safe_dump(log, sort_keys=False), encoding="utf-8")
    return folder


def floor_run(root: Path) -> int:
    """The floor: read every file the checker reads and parse the YAML (front matter only)."""
    loader, parsed = fast_loader(), 0
    for path in sorted((root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            yaml.load(text[4:end], Loader=loader)
            parsed += 1
    for path in [*sorted((root / "data").glob("*.yml")), *sorted(root.glob("*.lock.yml"))]:  # the lock files too
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return parsed


def checker_run(root: Path) -> tuple[int, Counter]:
    sys.path.insert(0, str(ROOT))
    from scripts.checker import check, today_from_env
    from scripts.report import errors

    project, problems = check(root, today_from_env())
    failed = errors(problems)
    pages = sum(len(p) for p in project.pages.values())
    return pages, Counter(("error " if p in failed else "warning ") + p.rule for p in problems)


def time_one(kind: str, root: Path) -> dict:
    """One timed run in this process (called in a fresh subprocess by timed())."""
    if kind != "floor":
        sys.path.insert(0, str(ROOT))
        import scripts.checker  # noqa: F401  (imports are not part of the measurement)
    start, cpu_start = time.perf_counter(), cpu_seconds()
    if kind == "floor":
        pages, problems = floor_run(root), Counter()
    else:
        pages, problems = checker_run(root)
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu_start, "pages": pages,
            "problems": dict(problems)}


def cpu_seconds() -> float:
    """User and system time of this process and of its ended children (the checker's helpers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(kind: str, root: Path, timeout: float) -> dict:
    cmd = [sys.executable, "-m", "tools.bench", "time", kind, str(root)]
    try:
        # nothing kept between runs (scripts/derived_cache.py): each run does the whole work, as a fresh clone
        done = subprocess.run(cmd, cwd=ROOT, env=env(EXOFAQ_CACHE="off"), capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "timeout": timeout}
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_checker(sizes: tuple[int, ...], repeats: int, timeout: float, work: Path) -> dict:
    """Alternating floor/checker runs per size; medians, per page and ratio."""
    today = dt.date.fromisoformat(os.environ.get("EXOFAQ_TODAY") or dt.date.today().isoformat())
    rows, corpora = [], {}
    for n in sizes:
        corpus = corpora[n] = make_corpus(work / f"corpus-{n}", n, today)
        floor_run(corpus)  # warm the page cache for both
        floors, checks, cpus, last = [], [], [], {}
        for _ in range(repeats if n < 10_000 else max(1, repeats - 2)):
            floors.append(timed("floor", corpus, timeout)["seconds"])
            last = timed("checker", corpus, timeout)
            checks.append(last["seconds"])
            cpus.append(last.get("cpu", float("inf")))
            if last.get("timeout"):
                break
        rows.append({"pages": n, "checker": median(checks), "floor": median(floors), "cpu": median(cpus),
                     "problems": last.get("problems", {}), "timeout": last.get("timeout")})
    return {"rows": rows, "corpora": corpora}


def profile_checker(root: Path, limit: int = 18) -> str:
    """cProfile of one checker run: top functions by own time and by cumulative time."""
    sys.path.insert(0, str(ROOT))
    from scripts.checker import check, today_from_env

    profiler = cProfile.Profile()
    profiler.enable()
    check(root, today_from_env())
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    stats.sort_stats("cumulative").print_stats(r"scripts/|yaml/|jsonschema/", limit)
    return short_paths(out.getvalue())


def short_paths(text: str, *roots: Path) -> str:
    """Profiler output with project and site-packages paths shortened, blank lines dropped."""
    for root in (ROOT, *roots):
        text = text.replace(str(root) + "/", "")
    text = re.sub(r"\S*/site-packages/", "", text)
    text = re.sub(r"/\S*/lib/python3\.\d+/", "", text)
    return "\n".join(line for line in text.splitlines() if line.strip() and not line.startswith("   List reduced"))


def checker_verdict(rows: list[dict]) -> tuple[dict, dict]:
    """(the largest corpus, the corpus with the worst ratio), each with its 'pages' and 'ratio'."""
    timed = [{"pages": r["pages"], "ratio": r["checker"] / r["floor"] if r["floor"] else float("inf")} for r in rows]
    return max(timed, key=lambda r: r["pages"]), max(timed, key=lambda r: r["ratio"])


def checker_meets(rows: list[dict]) -> bool:
    """Issue 16, goal 3: ratio <= 1.5 at the largest corpus, and the time per page never grows
    faster than the pages (a timed-out size misses)."""
    if not rows or any(r.get("timeout") for r in rows):
        return False
    by_size = sorted(rows, key=lambda r: r["pages"])
    growth = [(b["checker"] / b["pages"]) / (a["checker"] / a["pages"]) for a, b in zip(by_size, by_size[1:])]
    largest, _ = checker_verdict(rows)
    return largest["ratio"] <= CHECKER_GOAL and all(g <= LINEAR_GROWTH for g in growth)


def checker_section(result: dict) -> str:
    rows, prev = [], None
    for row in result["rows"]:
        n, c, f = row["pages"], row["checker"], row["floor"]
        ratio = c / f if f else float("nan")
        growth = f"{(c / n) / (prev[1] / prev[0]):.2f}x" if prev and c != float("inf") else "-"
        errors = sum(v for k, v in row["problems"].items() if k.startswith("error"))
        shown = f"> {row['timeout']:.0f} s (timed out)" if row.get("timeout") else fmt_s(c)
        cpu = row.get("cpu", float("nan"))
        rows.append([f"{n:,}", shown, f"{1000 * c / n:.2f} ms", fmt_s(f), f"{1000 * f / n:.3f} ms",
                     f"{ratio:.1f}", growth, fmt_s(cpu), f"{cpu / f:.1f}" if f else "-", errors])
        prev = (n, c)
    text = table(["pages", "checker", "per page", "floor", "floor/page", "ratio", "per-page growth",
                  "checker CPU", "CPU / floor", "errors found"], rows)
    largest, worst = checker_verdict(result["rows"])
    return (f"{text}\n\nGoal (issue 16): ratio <= {CHECKER_GOAL} at the largest corpus and growth no faster than "
            f"linear (per-page growth <= {LINEAR_GROWTH}x at each step). At {largest['pages']:,} pages the ratio is "
            f"{largest['ratio']:.1f}: {'meets' if checker_meets(result['rows']) else 'misses'} the goal. Smaller corpora "
            f"add the checker's fixed start-up (its imports and helpers), which the floor does not pay: the worst "
            f"ratio is {worst['ratio']:.1f}, at {worst['pages']:,} pages. Floor: read the files and parse their YAML "
            f"(front matter, data files and lock files) with `{fast_loader().__name__}`. Errors found must be 0 (the corpus is valid). "
            f"The checker runs its rules in this process and up to {MAX_HELPERS} forked helpers (one per further "
            f"CPU, scripts/parallel.py; {os.cpu_count()} CPUs here): 'checker' is the time a user waits, "
            f"'checker CPU' the processor time of all its processes (the floor uses one).")


# --- 2. build with and without hooks ----------------------------------------------------------

def build(project: Path, out: Path, **extra_env: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                    "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                   cwd=project, env=env(**extra_env), check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def bench_build(runs: int, work: Path) -> dict:
    with_hooks = copy_project(ROOT, work / "with-hooks")
    without = copy_project(ROOT, work / "without-hooks", hooks=False)
    times: dict[str, list[float]] = {"with": [], "without": [], "cold": []}
    # warm-up, not counted: compiled modules, the page cache, and the values a build keeps for the
    # next one (scripts/derived_cache.py; "cold" builds keep and read none, as on a fresh clone)
    build(with_hooks, work / "site-with")
    for _ in range(runs):
        times["without"].append(build(without, work / "site-without"))
        times["with"].append(build(with_hooks, work / "site-with"))
        times["cold"].append(build(with_hooks, work / "site-cold", EXOFAQ_CACHE="off"))
    result = {k: median(v) for k, v in times.items()}
    result.update(runs=times, min_with=min(times["with"]), min_without=min(times["without"]),
                  min_cold=min(times["cold"]))
    result["site"] = work / "site-with"
    result["profile"] = profile_build(with_hooks, work / "site-profile")
    return result


def profile_build(project: Path, out: Path, limit: int = 14) -> str:
    """Where the hook's time goes: cumulative time of the hook's functions in one build."""
    prof = out.with_suffix(".prof")
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict",
                    "--clean", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                   cwd=project, env=env(), check=True, capture_output=True)
    out_text = io.StringIO()
    stats = pstats.Stats(str(prof), stream=out_text)
    total = stats.total_tt  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(r"scripts/|md_in_html|html/parser.py.*feed", limit)
    return (f"profiled build total {total:.2f} s (cProfile inflates pure-Python code)\n"
            + short_paths(out_text.getvalue(), project, out.parent))


# --- edit loop: `make serve LANG_CODE=es`, save one page, wait for the served page to change ----

EDIT_LANG, EDIT_PAGE = "es", "cosmetic/hair-growth"
EDIT_GOAL = 1.5
HEADING_LINE_RE = re.compile(r"(?m)^# .*\n\n(.+)$")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def bench_edit_loop(saves: int, work: Path, timeout: float = 120) -> dict:
    """What `make serve LANG_CODE=es` does (EXOFAQ_PREVIEW_LANG, --dirty) on a copy of the project:
    save one translated page with a new word, time until the served page shows it."""
    project = copy_project(ROOT, work / "serve")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{EDIT_LANG}/{EDIT_PAGE}/"
    page = project / "docs" / EDIT_LANG / f"{EDIT_PAGE}.md"
    original = page.read_text(encoding="utf-8")
    log = open(work / "serve.log", "w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--dirty"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env=env(SITE_URL=f"http://127.0.0.1:{port}/", EXOFAQ_STRICT="false", PYTHONDONTWRITEBYTECODE="1",
                                      EXOFAQ_PREVIEW_LANG=EDIT_LANG))
    times: list[float] = []
    try:
        started = time.monotonic()
        while "<html" not in fetch(url):
            if time.monotonic() - started > timeout or server.poll() is not None:
                raise RuntimeError(f"mkdocs serve did not come up: see {work / 'serve.log'}")
            time.sleep(0.2)
        first_build = time.monotonic() - started
        for n in range(saves):
            time.sleep(1.0)  # let the watcher settle between saves
            marker = f"editmark{n}x{port}"
            page.write_text(HEADING_LINE_RE.sub(lambda m: f"{m.group(0)} {marker}", original, count=1),
                            encoding="utf-8")
            saved = time.monotonic()
            while marker not in fetch(url):
                if time.monotonic() - saved > timeout:
                    raise RuntimeError(f"the edit never showed up: see {work / 'serve.log'}")
                time.sleep(0.02)
            times.append(time.monotonic() - saved)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        page.write_text(original, encoding="utf-8")
    return {"times": times, "median": median(times), "first_build": first_build}


def edit_loop_section(result: dict) -> str:
    verdict = "meets the goal" if result["median"] <= EDIT_GOAL else "misses the goal"
    return (f"`make serve LANG_CODE={EDIT_LANG}` (English + {EDIT_LANG}, `--dirty`, after-build files skipped), "
            f"saving `docs/{EDIT_LANG}/{EDIT_PAGE}.md` with a new word, time until the served page shows it:\n\n"
            + table(["saves", "median", "each save", "first build"],
                    [[len(result["times"]), fmt_s(result["median"]),
                      ", ".join(f"{t:.2f}" for t in result["times"]), fmt_s(result["first_build"])]])
            + f"\n\nGoal <= {EDIT_GOAL} s (median of {len(result['times'])} saves): {verdict}. "
              "Time is from the save to the new HTML being served (the browser's reload request "
              f"follows at once). {growth_line(result['times'])}")


def growth_line(times: list[float]) -> str:
    """Whether saves get slower as they go on (state that piles up from one rebuild to the next)."""
    if len(times) < 6:
        return ""
    third = len(times) // 3
    first, last = median(times[:third]), median(times[-third:])
    return (f"The last {third} saves took {last / first:.2f}x the first {third} (medians); about 1x means "
            "nothing piles up from one save to the next.")


def build_section(result: dict) -> str:
    def over(build: str, plain: str) -> float:  # the hooks' overhead in %
        return 100 * (result[build] - result[plain]) / result[plain]

    overhead, best = over("with", "without"), over("min_with", "min_without")
    cold, cold_best = over("cold", "without"), over("min_cold", "min_without")
    runs = ", ".join(f"{w:.2f}/{o:.2f}/{c:.2f}" for w, o, c in
                     zip(result["runs"]["with"], result["runs"]["without"], result["runs"]["cold"]))
    verdict = "meets" if overhead <= BUILD_GOAL else "misses"
    return (table(["build", "median", "fastest run"],
                  [["strict build, with hooks", fmt_s(result["with"]), fmt_s(result["min_with"])],
                   ["strict build, hooks removed", fmt_s(result["without"]), fmt_s(result["min_without"])],
                   ["overhead of the hooks", f"{overhead:+.1f} %", f"{best:+.1f} %"],
                   ["strict build, with hooks, nothing kept from earlier builds", fmt_s(result["cold"]),
                    fmt_s(result["min_cold"])],
                   ["overhead of the hooks, nothing kept", f"{cold:+.1f} %", f"{cold_best:+.1f} %"]])
            + f"\n\nRuns (with/without/with and nothing kept, alternating): {runs}. Goal <= {BUILD_GOAL:.0f} % "
            f"(1.3x a plain build): {verdict}. A build keeps the QR codes, card heights and readability scores it "
            "works out for the next one (.cache/exofaq, scripts/derived_cache.py), as `make build` does after its first run; "
            "'nothing kept' builds with EXOFAQ_CACHE=off, as on a fresh clone.")


# --- 3. Lighthouse and page weight -----------------------------------------------------------

def ensure_chromium() -> str | None:
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(chrome).exists():
        return chrome
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
        subprocess.run([*sudo, "apt-get", "update", "-q"], check=True, capture_output=True)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "chromium"], check=True, capture_output=True)
    return chrome if Path(chrome).exists() else None


def lighthouse_cli() -> Path | None:
    cli = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
    installed = ROOT / "bench" / "node_modules" / ".package-lock.json"
    stale = not installed.exists() or installed.stat().st_mtime < (ROOT / "bench" / "package-lock.json").stat().st_mtime
    if stale and shutil.which("npm"):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT / "bench",
                       check=False, capture_output=True)
    return cli if cli.exists() else None


def run_lighthouse(cli: Path, chrome: str, url: str, out: Path) -> dict:
    subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
                   env=env(CHROME_PATH=chrome), check=False, capture_output=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}


def summarize_lighthouse(report: dict) -> dict:
    """Category scores (0-100) and the ids of failing audits (score < 0.9), per category."""
    if not report or report.get("runtimeError"):
        return {"error": (report.get("runtimeError") or {}).get("message", "no report")}
    audits, summary = report["audits"], {"scores": {}, "failing": {}}
    for cat in CATEGORIES:
        data = report["categories"].get(cat)
        summary["scores"][cat] = round(100 * data["score"]) if data and data["score"] is not None else None
        summary["failing"][cat] = sorted(
            ref["id"] for ref in (data or {}).get("auditRefs", [])
            if audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 0.9
            and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings"))
    summary["where"] = {ref["id"]: _where(audits[ref["id"]]) for cat in CATEGORIES if cat != "performance"
                        for ref in report["categories"][cat]["auditRefs"] if ref["id"] in summary["failing"][cat]}
    console = (audits.get("errors-in-console", {}).get("details") or {}).get("items", [])
    summary["console"] = sorted({_console_entry(i) for i in console})
    summary["requests"] = [(i["url"], i.get("statusCode"), i.get("transferSize", 0))
                           for i in (audits.get("network-requests", {}).get("details") or {}).get("items", [])]
    return summary


def _where(audit: dict) -> list[str]:
    """Selectors (or URLs) of the elements an audit failed on."""
    items = (audit.get("details") or {}).get("items", [])
    found = [(i.get("node") or {}).get("selector") or (i.get("sourceLocation") or {}).get("url") or i.get("url")
             for i in items]
    return list(dict.fromkeys(f for f in found if f))


def _console_entry(item: dict) -> str:
    url = (item.get("sourceLocation") or {}).get("url") or item.get("url") or ""
    parts = urlsplit(url)
    host = "localhost" if parts.hostname == "127.0.0.1" else parts.hostname
    return f"{item.get('description', '').split(' (')[0][:70]}: {host}{parts.path}"


def serve_gzip(folder: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """tools.linkcheck.serve plus gzip Content-Encoding for text files, as GitHub Pages serves them."""
    sys.path.insert(0, str(ROOT))
    from tools.linkcheck import SiteHandler, serve

    class GzipHandler(SiteHandler):
        def do_GET(self) -> None:  # noqa: N802
            file = Path(self.translate_path(self.path.split("?")[0]))
            if file.is_dir() and self.path.split("?")[0].endswith("/"):
                file = file / "index.html"
            kind = mimetypes.guess_type(file.name)[0] or ""
            if not (file.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                    and (kind.startswith("text/") or kind.endswith(("json", "javascript", "svg+xml", "xml")))):
                return super().do_GET()
            body = gzip.compress(file.read_bytes(), GZIP_LEVEL, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return serve(folder, prefix, GzipHandler)


def bench_lighthouse(work: Path, prefix: str, runs: int) -> dict:
    """Build the site with SITE_URL = the local server (same origin, as on Pages), then audit."""
    sys.path.insert(0, str(ROOT))
    from tools.linkcheck import serve

    chrome, cli = ensure_chromium(), lighthouse_cli()
    if not chrome or not cli:
        return {"skipped": f"chromium: {chrome or 'missing'}, lighthouse: {cli or 'missing (npm ci in bench/)'}"}
    project = copy_project(ROOT, work / "lh-project")
    results: dict = {"pages": {}, "sites": {}}
    for variant, server_for in (("plain", serve), ("gzip", serve_gzip)):
        site = work / f"lh-site-{variant}"
        site.mkdir()
        server, base = server_for(site, prefix)
        try:
            build(project, site, SITE_URL=base)
            results["sites"][variant] = site
            for page in LIGHTHOUSE_PAGES:
                reports = [summarize_lighthouse(run_lighthouse(cli, chrome, base + page,
                                                               work / f"lh-{variant}-{r}-{page.replace('/', '_')}.json"))
                           for r in range(runs)]
                results["pages"][(variant, page)] = pick_median(reports)
        finally:
            server.shutdown()
    results["base_prefix"] = prefix
    return results


def pick_median(reports: list[dict]) -> dict:
    good = [r for r in reports if "scores" in r]
    if not good:
        return reports[0]
    good.sort(key=lambda r: r["scores"].get("performance") or 0)
    return good[len(good) // 2]


def lighthouse_section(result: dict) -> str:
    if "skipped" in result:
        return f"Skipped: {result['skipped']}"
    rows, console, where = [], Counter(), {}
    for (variant, page), summary in result["pages"].items():
        label = f"/{page}" + (" (gzip)" if variant == "gzip" else "")
        if "error" in summary:
            rows.append([label, "error: " + summary["error"], "", "", "", ""])
            continue
        s = summary["scores"]
        failing = "; ".join(f"{c}: {', '.join(ids)}" for c, ids in summary["failing"].items() if ids)
        rows.append([label, *(s[c] for c in CATEGORIES), failing or "none"])
        console.update(summary["console"])
        for audit, places in summary["where"].items():
            where.setdefault(audit, {}).update(dict.fromkeys(places))
    return (table(["page", "perf", "a11y", "best-pr.", "SEO", "failing audits (score < 0.9)"], rows)
            + "\n\nGoal: performance >= 98, the others 100. Mobile preset (simulated slow 4G, 4x CPU "
              "slowdown of this machine's CPU, so a loaded machine lowers performance). Plain = "
              "tools.linkcheck.serve (no compression); gzip = the same files gzip-encoded as GitHub Pages "
              "serves them. The site is built with SITE_URL = the local server, so same-origin requests "
              "behave as on Pages.\n\nFailing accessibility/best-practices audits, where:\n"
            + "\n".join(f"- {audit}: {', '.join(f'`{p}`' for p in list(places)[:6])}" for audit, places in where.items())
            + "\n\nConsole errors (pages with it):\n"
            + "\n".join(f"- {entry} ({n})" for entry, n in sorted(console.items())))


# --- bytes per page ----------------------------------------------------------------------------

REF_ATTRS = (("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("video", "poster"))
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def local_file(site: Path, prefix: str, url: str) -> Path | None:
    path = urlsplit(url).path
    if not path.startswith(prefix):
        return None
    file = site / path[len(prefix):]
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def static_references(site: Path, prefix: str, page_url: str) -> list[str]:
    """What the HTML asks for on first load: stylesheets, scripts, icons, images, and CSS url()s."""
    from bs4 import BeautifulSoup

    html = local_file(site, prefix, page_url)
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    urls = []
    for tag, attr in REF_ATTRS:
        for el in soup.find_all(tag, attrs={attr: True}):
            rel = set(el.get("rel") or [])
            if tag == "link" and not rel & {"stylesheet", "icon", "preload", "modulepreload"}:
                continue
            urls.append(urljoin(page_url, el[attr]))
    for css in [u for u in urls if u.endswith(".css")]:
        file = local_file(site, prefix, css)
        if file:
            urls += [urljoin(css, u) for u in CSS_URL_RE.findall(file.read_text(encoding="utf-8"))
                     if not u.startswith("data:")]
    return list(dict.fromkeys(urls))


def gz_size(file: Path) -> int:
    return len(gzip.compress(file.read_bytes(), GZIP_LEVEL, mtime=0))


def page_weight(site: Path, prefix: str, base: str, page: str, requests: list) -> dict:
    """Raw and gzip bytes of the page, of what its HTML references, and of what scripts fetched."""
    page_url = base + page
    static = static_references(site, prefix, page_url)
    runtime = list(dict.fromkeys(url for url, status, _ in requests if url.startswith(base.split(prefix)[0])
                                 and url not in static and url != page_url and status == 200))
    parts: dict[str, list[Path]] = {"html": [local_file(site, prefix, page_url)],
                                    "referenced": [f for u in static if (f := local_file(site, prefix, u))],
                                    "fetched by scripts": [f for u in runtime if (f := local_file(site, prefix, u))]}
    missing = [u for u in static if not local_file(site, prefix, u) and u.startswith(base.split(prefix)[0])]
    return {"parts": {k: (sum(f.stat().st_size for f in v), sum(gz_size(f) for f in v), len(v))
                      for k, v in parts.items()},
            "missing": missing,
            "failed": list(dict.fromkeys((urlsplit(u).path, s) for u, s, _ in requests if s not in (200, None, -1))),
            "files": {k: [f.relative_to(site).as_posix() for f in v] for k, v in parts.items()}}


def weight_section(weights: dict) -> str:
    rows = []
    for page, w in weights.items():
        p = w["parts"]
        total_raw, total_gz = sum(v[0] for v in p.values()), sum(v[1] for v in p.values())
        rows.append([f"/{page}", *(f"{v[1] / 1024:.1f} KiB ({v[2]})" for v in p.values()),
                     f"**{total_gz / 1024:.1f} KiB**", f"{total_raw / 1024:.1f} KiB"])
    text = table(["page", "HTML gz", "referenced CSS/JS/fonts/images gz (files)",
                  "fetched by scripts gz (files)", "total gz", "total raw"], rows)
    details = [f"- `/{page}` fetched by scripts: {', '.join(w['files']['fetched by scripts']) or '-'}"
               + (f"; failed requests: {', '.join(f'{u} ({s})' for u, s in w['failed'])}" if w["failed"] else "")
               for page, w in weights.items()]
    return (text + f"\n\ngzip level {GZIP_LEVEL}, first visit, empty cache. 'Fetched by scripts' comes from "
            "Lighthouse's network log of the same page (e.g. Material's search index and worker).\n"
            + "\n".join(details))


# --- 4. reproducibility ------------------------------------------------------------------------

def repro_section(work: Path) -> str:
    sys.path.insert(0, str(ROOT))
    from tools import repro

    return repro.report(repro.run(ROOT, work))


# --- main ---------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeats", type=int, default=5, help="checker runs per size (10,000: repeats-2)")
    parser.add_argument("--build-runs", type=int, default=5)
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="median of N runs per page")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for one checker run")
    parser.add_argument("--edit-saves", type=int, default=10,
                        help="saves timed in the edit loop (enough to show a rebuild that grows with each save)")
    parser.add_argument("--skip", default="", help="comma list of: checker,build,edit,lighthouse,repro")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    sections = [f"# Benchmarks\n\n{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
                f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start, "
                f"Python {sys.version.split()[0]}, commit {git_head()}. "
                "Produced by `make bench` (tools/bench.py); not run in CI."]
    emit(sections)
    with tempfile.TemporaryDirectory(prefix="exofaq-bench-") as tmp:
        work = Path(tmp)
        if "checker" not in skip:
            sections.append(run_checker_part(args, work))
        site, prefix = None, "/"
        if "build" not in skip:
            result = bench_build(args.build_runs, work / "build")
            sections.append("## Strict build: hook overhead\n\n" + build_section(result)
                            + "\n\nWhere the hook's time goes (one profiled build):\n\n```\n"
                            + result["profile"] + "\n```")
            emit(sections)
            sys.path.insert(0, str(ROOT))
            from tools.linkcheck import site_prefix
            prefix = site_prefix(result["site"])
        if "edit" not in skip:
            (work / "edit").mkdir()
            sections.append("## Edit loop\n\n" + edit_loop_section(bench_edit_loop(args.edit_saves, work / "edit")))
            emit(sections[-1:])
        if "lighthouse" not in skip:
            sections += lighthouse_parts(work / "lighthouse", prefix, args.lighthouse_runs)
        if "repro" not in skip:
            sections.append("## Reproducible build\n\n" + repro_section(work / "repro"))
            emit(sections[-1:])
    previous = figures(args.output.read_text(encoding="utf-8")) if args.output.is_file() else {}
    now = figures("\n\n".join(sections))
    sections.insert(1, "## Summary\n\n" + summary_section(previous, now, GOALS)
                    + "\n\nPrevious run: the figures of the results.md this run replaced.")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.output}", file=sys.stderr)
    return 0


def run_checker_part(args, work: Path) -> str:
    sizes = tuple(int(s) for s in args.sizes.split(","))
    result = bench_checker(sizes, args.repeats, args.timeout, work / "checker")
    text = "## Checker: synthetic corpora\n\n" + checker_section(result)
    if not checker_meets(result["rows"]):
        size = min((r["pages"] for r in result["rows"] if not r.get("timeout")), key=lambda n: abs(n - 1000))
        done = subprocess.run([sys.executable, "-m", "tools.bench", "profile", str(result["corpora"][size])],
                              cwd=ROOT, env=env(), capture_output=True, text=True, timeout=args.timeout)
        text += f"\n\ncProfile of one checker run on {size:,} pages:\n\n```\n{done.stdout.strip()}\n```"
    emit([text])
    return text


def lighthouse_parts(work: Path, prefix: str, runs: int) -> list[str]:
    work.mkdir(parents=True)
    result = bench_lighthouse(work, prefix, runs)
    parts = ["## Lighthouse\n\n" + lighthouse_section(result)]
    if "sites" in result:
        site = result["sites"]["plain"]
        base_of = {p: s for (v, p), s in result["pages"].items() if v == "plain"}
        from tools.linkcheck import site_prefix
        prefix = site_prefix(site)
        base = _site_base(site)
        weights = {page: page_weight(site, prefix, base, page, base_of[page].get("requests", []))
                   for page in LIGHTHOUSE_PAGES}
        parts.append("## Bytes per page (compressed)\n\n" + weight_section(weights))
    emit(parts)
    return parts


def _site_base(site: Path) -> str:
    match = re.search(r"<loc>\s*(\S+?)\s*</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    return match.group(1) if match else "/"


def emit(parts: list[str]) -> None:
    print("\n\n".join(parts) + "\n", flush=True)


def git_head() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True)
    return (done.stdout.strip() or "unknown") + (" (+ uncommitted changes)" if dirty.stdout.strip() else "")


def internal(argv: list[str]) -> int:
    if argv[0] == "time":
        print(json.dumps(time_one(argv[1], Path(argv[2]))))
    elif argv[0] == "profile":
        print(profile_checker(Path(argv[1])))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("time", "profile"):
        sys.exit(internal(sys.argv[1:]))
    sys.exit(main())
