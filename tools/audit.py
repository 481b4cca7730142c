"""Browser audit of the built site (site/): every HTML file, every language, embed cards too.

    python -m tools.audit site            # what `make audit` runs
    python -m tools.audit site --details  # also print each failing element

Fails (exit 1) on any of:
  axe-<rule>     axe-core in headless Chromium, tags wcag2a/wcag2aa/wcag21a/wcag21aa
                 (color-contrast is run a second time with the dark palette)
  vnu            an error from the Nu HTML Checker (warnings are allowed)
  offsite-request  a request from a page load that leaves the site's own origin
  request-failed   a same-origin request that failed or answered >= 400
  rtl-dir, rtl-direction  a page of a right-to-left language (mkdocs.yml) without dir="rtl" on body (a standalone embed card may
                 carry it on html) or whose main content is not laid out right-to-left
  dark-palette   a Material page that could not be switched to its slate palette
  page-load      a page that could not be loaded, or that the checks could not run on
  csp-violation  a Content-Security-Policy violation during the load and the checks (the page's
                 securitypolicyviolation events and Chromium's console CSP errors)

Lines read `site/<path>: <rule>: <message>` (vnu: `site/<path>:<line>: vnu: <message>`); counts
per rule and timings go to stderr; the last line is `audit: N passed, N failed` (pages). The site
is served on 127.0.0.1 under the path of site_url (tools/linkcheck.py's serve and site_prefix);
Chromium is Debian's /usr/bin/chromium, two browsers side by side, each reusing one page; vnu runs
once over all files meanwhile. A screenshot of one Arabic page is saved to audit/ar-page.png.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.content import load_languages  # noqa: E402
from scripts.rule_registry import finding  # noqa: E402
from tools.linkcheck import published_url, serve, site_prefix  # noqa: E402

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 # only 127.0.0.1 resolves: a request anywhere else fails at once, nothing leaves
                 # the machine, and it is still logged (and reported) as an off-site request
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# languages and their direction: declared once, in mkdocs.yml (the i18n plugin's `theme.direction`)
_, LANGUAGES, _RTL, _ = load_languages(ROOT)
RTL_LANGUAGES = tuple(sorted(_RTL))
SCREENSHOT_LANGUAGE = RTL_LANGUAGES[0] if RTL_LANGUAGES else None
NETWORK_SCHEMES = ("http", "https", "ws", "wss")
PAGE_TIMEOUT_MS = 30_000

# Palette switches are instant for the dark pass: no CSS transition half-way between palettes.
NO_TRANSITIONS_CSS = "*,*::before,*::after{transition:none!important;animation:none!important}"
# Every page load is a first visit: Material caches things (palette, repository facts) in storage.
FRESH_VISIT_JS = "try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}"
# Every CSP violation of a load is recorded (an init script, so it listens before the first tag).
CSP_LISTEN_JS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || 'the page'}:${e.lineNumber}`));"""
CSP_CONSOLE_MARKERS = ("Content Security Policy", "Content-Security-Policy")

AXE_RUN_JS = """async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    id: v.id, help: v.help, impact: v.impact,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
  }));
}"""

RTL_JS = """() => {
  const body = document.body;
  const declared = body.closest('[dir]');
  const main = document.querySelector('.md-content') || document.querySelector('main') || body;
  return {
    bodyDir: body.getAttribute('dir'),
    declaredDir: declared ? declared.getAttribute('dir') : null,
    declaredOn: declared ? declared.tagName.toLowerCase() : null,
    mainDirection: getComputedStyle(main).direction,
    mainSelector: main.className ? main.tagName.toLowerCase() + '.' + main.className.split(' ')[0]
                                 : main.tagName.toLowerCase(),
  };
}"""


@dataclass
class Options:
    dark: bool = True                    # run color-contrast again with the dark palette
    screenshot: Path | None = None       # where to save one Arabic page, None for none
    details: bool = False                # print the failing elements under each axe line
    axe_js: Path = AXE_JS


@dataclass
class PageResult:
    rel: str
    problems: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


# --- files and URLs -------------------------------------------------------------------------

def html_files(folder: Path) -> list[Path]:
    """Every built HTML file: pages of every language, embed cards, 404.html."""
    return sorted(p for p in folder.rglob("*.html") if p.is_file())


FIXED_THEME_CARD = re.compile(r"(^|/)embed/.+/(light|dark)/index\.html$")


def browser_files(folder: Path, files: list[Path]) -> list[Path]:
    """The files loaded in the browser: all but the fixed light/ and dark/ variants of the embed
    cards, which are the automatic card's own colours (checked by axe in light and dark) pinned
    by a class; vnu still validates every file."""
    return [f for f in files if not FIXED_THEME_CARD.search(f.relative_to(folder).as_posix())]


def page_url(base: str, rel: str) -> str:
    """URL of a built file under the served base: a/b/index.html -> <base>a/b/."""
    if rel == "index.html":
        return base
    if rel.endswith("/index.html"):
        return base + rel[: -len("index.html")]
    return base + rel


def language_of(rel: str, languages: list[str] | None = None) -> str | None:
    """The language folder a built file sits in (None for the default language at the root)."""
    first = rel.split("/", 1)[0]
    return first if "/" in rel and first in (LANGUAGES if languages is None else languages) else None


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def offsite_requests(urls: list[str], own: set[str] | str) -> list[str]:
    """The network requests (http/https/ws) that go anywhere but the site's own origin(s)."""
    own = {own} if isinstance(own, str) else own
    return [u for u in urls if urlsplit(u).scheme in NETWORK_SCHEMES and origin_of(u) not in own]


def display(folder: Path, rel: str) -> str:
    return f"{folder.name}/{rel}"


# --- axe ------------------------------------------------------------------------------------

def axe_options(rules: list[str] | None = None) -> dict:
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return {"runOnly": run_only, "resultTypes": ["violations"]}


def run_axe(page, axe_js: Path, rules: list[str] | None = None) -> list[dict]:
    """axe is normally there already (an init script of the context, see open_tab)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    return page.evaluate(AXE_RUN_JS, axe_options(rules))


def axe_lines(shown: str, violations: list[dict], note: str = "") -> tuple[list[str], list[str]]:
    """`site/<path>: axe-<rule>: <help> (<n> nodes)`, and the failing elements for --details."""
    problems, details = [], []
    for v in violations:
        suffix = f" [{note}]" if note else ""
        problems.append(finding(shown, f"axe-{v['id']}", f"{v['help']}{suffix} ({len(v['nodes'])} nodes)"))
        for node in v["nodes"]:
            details.append(f"    axe-{v['id']}{suffix}: {node['target']}: {node['html'][:200]}")
    return problems, details


DARK_JS = """(css) => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  const slate = document.querySelector('input.md-option[data-md-color-scheme="slate"]');
  if (!slate) return null;
  slate.checked = true;  // Material: pick the dark palette the way its toggle does
  slate.dispatchEvent(new Event('change', {bubbles: true}));
  return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() =>
    resolve(document.body.getAttribute('data-md-color-scheme')))));
}"""


def set_dark(page) -> str | None:
    """Switch the loaded page to the dark palette: prefers-color-scheme: dark (the embed cards
    follow it) and, on Material pages, the slate palette chosen through Material's own palette
    input (setting data-md-color-scheme by hand is undone by Material when the media query
    changes). Transitions are switched off so colours are final at once. Returns the body's
    data-md-color-scheme afterwards (None on a page without Material's palette)."""
    page.emulate_media(color_scheme="dark")
    return page.evaluate(DARK_JS, NO_TRANSITIONS_CSS)


# --- right-to-left --------------------------------------------------------------------------

def rtl_problems(shown: str, state: dict) -> list[str]:
    """An rtl page declares dir="rtl" on body (or, for a standalone card, on html) and its main
    content is laid out right-to-left."""
    problems = []
    if state["declaredDir"] != "rtl":
        problems.append(finding(shown, "rtl-dir", f"body has dir={state['bodyDir']!r} (nearest dir attribute: "
                                f"{state['declaredDir']!r} on {state['declaredOn']}), expected 'rtl'"))
    if state["mainDirection"] != "rtl":
        problems.append(finding(shown, "rtl-direction", f"computed direction of {state['mainSelector']} is "
                                f"{state['mainDirection']!r}, expected 'rtl'"))
    return problems


# --- one page -------------------------------------------------------------------------------

@dataclass
class Tab:
    """The one browser page a worker reuses for all its URLs, and the network log of its
    current load (filled by the listeners of open_tab, emptied at each new load)."""
    page: object
    local: str                      # origin of the local server
    own: set[str]                   # the site's own origins: local, and site_url's in production
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)   # console messages about the CSP
    dark: bool = False              # the page is emulating prefers-color-scheme: dark


def audit_page(tab: Tab, url: str, rel: str, shown: str, options: Options,
               screenshot: Path | None = None) -> PageResult:
    """Load one page and run every browser check on it."""
    result = PageResult(rel)
    tab.requests, tab.failed, tab.csp = [], [], []
    page = tab.page
    if tab.dark:
        page.emulate_media(color_scheme="light")
        tab.dark = False
    try:
        response = page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            result.problems.append(finding(shown, "page-load", f"{url} answered {status}"))
            return result
        if language_of(rel) in RTL_LANGUAGES:
            result.problems += rtl_problems(shown, page.evaluate(RTL_JS))
        if screenshot:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        for note, rules in [("", None)] + ([("dark palette", ["color-contrast"])] if options.dark else []):
            if note:
                tab.dark = True
                if set_dark(page) not in (None, "slate"):
                    result.problems.append(finding(shown, "dark-palette", "could not switch to the slate palette"))
                    continue
            problems, details = axe_lines(shown, run_axe(page, options.axe_js, rules), note)
            result.problems += problems
            result.details += details
        result.problems += csp_problems(shown, page.evaluate("window.__cspViolations || []"), tab.csp)
    except Exception as error:  # noqa: BLE001 - a page the checks cannot run on is a finding
        result.problems.append(finding(shown, "page-load", f"{type(error).__name__}: {str(error).splitlines()[0]}"))
    result.requests = list(tab.requests)
    result.problems += [finding(shown, "offsite-request", url) for url in offsite_requests(result.requests, tab.own)]
    result.problems += [finding(shown, "request-failed", failed) for failed in tab.failed]
    return result


def csp_problems(shown: str, events: list[str], console: list[str]) -> list[str]:
    """One line per violation event, plus console CSP errors (a policy the browser rejects,
    or a directive it ignores in a meta tag, is reported only there)."""
    lines = [finding(shown, "csp-violation", event) for event in dict.fromkeys(events)]
    # a console line that repeats a violation event is reported only if the event went missing
    repeats = ("Refused to", "violates the following Content Security Policy")
    lines += [finding(shown, "csp-violation", f"console: {message[:300]}") for message in dict.fromkeys(console)
              if not (events and any(r in message for r in repeats))]
    return lines


# --- the browser run ------------------------------------------------------------------------

def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def open_tab(browser, options: Options, local: str, production: str | None = None) -> Tab:
    """One page for many URLs: every load starts with empty storage and with axe already there
    (an init script: injecting axe per page with add_script_tag costs ~0.2 s a page), and every
    request is logged. Only the local server is reachable (see CHROMIUM_ARGS): a request to any
    other host is logged and fails at once, it is never sent. The site's own origin is the
    local server and, in production, the origin of site_url (the pages' absolute links, such as
    the hreflang alternates, point there); anything else is off-site."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light",
                                  service_workers="block")
    context.add_init_script(FRESH_VISIT_JS)
    context.add_init_script(CSP_LISTEN_JS)
    context.add_init_script(path=str(options.axe_js))
    tab = Tab(context.new_page(), local, {local} | ({production} if production else set()))

    def on_response(response):
        if response.status >= 400 and origin_of(response.url) == local:
            tab.failed.append(f"{response.url} answered {response.status}")

    def on_failed(request):
        # net::ERR_ABORTED is a request cancelled by the next navigation, not a broken one
        if origin_of(request.url) == local and "ERR_ABORTED" not in (request.failure or ""):
            tab.failed.append(f"{request.url} failed: {request.failure}")

    tab.page.on("request", lambda request: tab.requests.append(request.url))
    tab.page.on("response", on_response)
    tab.page.on("requestfailed", on_failed)
    tab.page.on("console", lambda message: tab.csp.append(message.text)
                if any(m in message.text for m in CSP_CONSOLE_MARKERS) else None)
    return tab


def audit_chunk(folder: Path, rels: list[str], base: str, production: str | None, options: Options,
                screenshot_rel: str | None, tick) -> list[PageResult]:
    """One browser, one page, many URLs (runs in its own thread with its own Playwright)."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            tab = open_tab(browser, options, origin_of(base), production)
            for rel in rels:
                shot = options.screenshot if rel == screenshot_rel else None
                results.append(audit_page(tab, page_url(base, rel), rel, display(folder, rel), options, shot))
                tick()
        finally:
            browser.close()
    return results


def screenshot_page(rels: list[str]) -> str | None:
    """The right-to-left page to photograph: its home page, else its first page."""
    if SCREENSHOT_LANGUAGE is None:
        return None
    arabic = [r for r in rels if language_of(r) == SCREENSHOT_LANGUAGE and "/embed/" not in r]
    return f"{SCREENSHOT_LANGUAGE}/index.html" if f"{SCREENSHOT_LANGUAGE}/index.html" in arabic else \
        (arabic[0] if arabic else None)


def production_origin(folder: Path) -> str | None:
    """Origin of site_url, read from the built sitemap (None without one)."""
    url = published_url(folder)
    return origin_of(url) if url else None


def browser_audit(folder: Path, files: list[Path], options: Options, progress=None,
                  workers: int = 1) -> list[PageResult]:
    """Serve `folder` under the path of site_url and run the browser checks on every file:
    `workers` browsers side by side, each reusing one page for its share of the files."""
    rels = [f.relative_to(folder).as_posix() for f in files]
    workers = max(1, min(workers, len(rels)))
    server, base = serve(folder, site_prefix(folder))
    production = production_origin(folder)
    shot = screenshot_page(rels) if options.screenshot else None
    lock, done = threading.Lock(), [0]

    def tick() -> None:
        with lock:
            done[0] += 1
            if progress:
                progress(done[0], len(rels))

    try:
        with ThreadPoolExecutor(workers) as pool:
            futures = [pool.submit(audit_chunk, folder, rels[i::workers], base, production, options, shot, tick)
                       for i in range(workers)]
            results = [r for future in futures for r in future.result()]
    finally:
        server.shutdown()
        server.server_close()
    order = {rel: i for i, rel in enumerate(rels)}
    return sorted(results, key=lambda r: order[r.rel])


# --- Nu HTML Checker ------------------------------------------------------------------------

def vnu_command(files: list[Path], jar: Path = VNU_JAR) -> list[str]:
    return ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout",
            *(str(f) for f in files)]


def vnu_start(files: list[Path], jar: Path = VNU_JAR) -> subprocess.Popen:
    """Start vnu once over every file (it runs while the browser works)."""
    return subprocess.Popen(vnu_command(files, jar), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def vnu_problems(output: str, folder: Path, stderr: str = "", returncode: int = 0) -> list[str]:
    """`site/<path>:<line>: vnu: <message>` for every error (type error or non-document-error)."""
    try:
        messages = json.loads(output or "{}").get("messages", [])
    except json.JSONDecodeError:
        return [finding(folder.name, "vnu", f"could not read vnu output (exit {returncode}): "
                                           f"{(stderr or output).strip()[:500]}")]
    root = folder.resolve()
    problems = []
    for message in messages:
        if message.get("type") == "info":
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        try:
            shown = display(folder, path.resolve().relative_to(root).as_posix())
        except ValueError:
            shown = message.get("url", folder.name)
        line = message.get("lastLine") or message.get("firstLine")
        where = f"{shown}:{line}" if line else shown
        kind = "vnu" if message.get("type") == "error" else f"vnu-{message.get('type')}"
        problems.append(finding(where, kind, message.get("message", "").strip()))
    if not messages and returncode not in (0, None):
        problems.append(finding(folder.name, "vnu", f"exit {returncode}: {(stderr or output).strip()[:500]}"))
    return problems


def vnu_check(files: list[Path], folder: Path, jar: Path = VNU_JAR) -> list[str]:
    proc = vnu_start(files, jar)
    out, err = proc.communicate()
    return vnu_problems(out, folder, err, proc.returncode)


def vnu_run(files: list[Path], folder: Path, started: float) -> dict:
    """vnu_check, timed (for the thread that runs it beside the browser); never raises."""
    try:
        problems = vnu_check(files, folder)
    except Exception as error:  # noqa: BLE001 - reported as a finding: the gate fails closed
        problems = [finding(folder.name, "vnu", f"could not run vnu: {type(error).__name__}: {error}")]
    return {"problems": problems, "seconds": time.monotonic() - started}


# --- tools ----------------------------------------------------------------------------------

def ensure_node_tools(root: Path = ROOT) -> None:
    """Install the pinned axe-core and vnu-jar (`npm ci`) if node_modules is missing or older
    than the lock file. `make audit` does the same through make; this is for the tests."""
    marker = root / "node_modules" / ".package-lock.json"
    lock = root / "package-lock.json"
    if marker.is_file() and marker.stat().st_mtime >= lock.stat().st_mtime and AXE_JS.is_file() and VNU_JAR.is_file():
        return
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is not installed: apt-get install -y nodejs npm")
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=root, check=True)


def missing_tools(need_vnu: bool = True) -> list[str]:
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (apt-get install -y chromium)")
    if not AXE_JS.is_file():
        missing.append(f"{AXE_JS.relative_to(ROOT)} (npm ci)")
    if need_vnu and not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR.relative_to(ROOT)} (npm ci)")
    if need_vnu and not shutil.which("java"):
        missing.append("java (apt-get install -y default-jre-headless)")
    return missing


# --- command line ---------------------------------------------------------------------------

def summary(problems: list[str]) -> Counter:
    counts: Counter = Counter()
    for problem in problems:
        rule = problem.split(": ", 2)[1] if problem.count(": ") >= 2 else "other"
        counts[rule + (" [dark palette]" if "[dark palette]" in problem else "")] += 1
    return counts


def run(folder: Path, options: Options, vnu: bool = True, only: str | None = None, workers: int = 2) -> int:
    started = time.monotonic()
    if not (folder / "index.html").is_file():
        print(finding(f"{folder}/index.html", "built-site-missing", "no built site (run make build first)"))
        return 1
    missing = missing_tools(need_vnu=vnu)
    if missing:
        for tool in missing:
            print(finding("audit", "missing-tool", tool))
        return 1
    files = html_files(folder)
    if only:
        files = [f for f in files if fnmatch.fnmatch(f.relative_to(folder).as_posix(), only)]
    vnu_result: dict = {}
    vnu_thread = threading.Thread(target=lambda: vnu_result.update(vnu_run(files, folder, started)))
    if vnu:
        vnu_thread.start()

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(f"audit: {done}/{total} pages in the browser, {time.monotonic() - started:.0f} s",
                  file=sys.stderr, flush=True)

    results = browser_audit(folder, browser_files(folder, files), options, progress, workers)
    browser_seconds = time.monotonic() - started
    problems = []
    for result in results:
        problems += result.problems
        for line in result.problems:
            print(line)
        if options.details:
            for line in result.details:
                print(line)
    if vnu:
        vnu_thread.join()
        for line in vnu_result["problems"]:
            problems.append(line)
            print(line)
    requests = sum(len(r.requests) for r in results)
    elapsed = time.monotonic() - started
    vnu_time = f", vnu {vnu_result['seconds']:.0f} s" if vnu else ""
    print(f"audit: {len(files)} HTML files, {requests} requests logged, {len(problems)} problem(s); "
          f"browser {browser_seconds:.0f} s{vnu_time} (side by side), total {elapsed:.0f} s", file=sys.stderr)
    for rule, count in sorted(summary(problems).items()):
        print(f"audit:   {rule}: {count}", file=sys.stderr)
    if options.screenshot and options.screenshot.exists():
        print(f"audit: screenshot of an Arabic page: {options.screenshot}", file=sys.stderr)
    failing = {line.split(":", 1)[0] for line in problems}  # pages (or "site" for a vnu failure)
    pages = {display(folder, f.relative_to(folder).as_posix()) for f in files}
    print(f"audit: {len(pages - failing)} passed, {len(failing)} failed", flush=True)
    return 1 if problems or not files else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--screenshot", type=Path, default=Path("audit/ar-page.png"),
                        help="where to save the screenshot of one Arabic page (default: audit/ar-page.png)")
    parser.add_argument("--no-dark", action="store_true", help="skip the dark-palette contrast pass")
    parser.add_argument("--no-vnu", action="store_true", help="skip the Nu HTML Checker")
    parser.add_argument("--only", metavar="GLOB", help="audit only the files whose path under site/ matches GLOB")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="browsers side by side (default: 2, or 1 on a one-core machine)")
    parser.add_argument("--details", action="store_true", help="print the failing elements of each axe finding")
    args = parser.parse_args(argv)
    if args.screenshot.exists():
        args.screenshot.unlink()
    options = Options(dark=not args.no_dark, screenshot=args.screenshot, details=args.details)
    return run(args.site, options, vnu=not args.no_vnu, only=args.only, workers=args.workers)


if __name__ == "__main__":
    sys.exit(main())
