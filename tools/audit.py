"""Browser audit of the built site (site/): every HTML file, every language, embed cards too.

    python -m tools.audit site            # what `make audit` runs
    python -m tools.audit site --details  # also print each failing element

Fails (exit 1) on any of:
  axe-<rule>     axe-core in headless Chromium, tags wcag2a/wcag2aa/wcag21a/wcag21aa
                 (color-contrast is run a second time with the dark palette)
  vnu            an error from the Nu HTML Checker (warnings are allowed)
  offsite-request  a request from a page load that leaves the site's own origin
  request-failed   a same-origin request that failed or answered >= 400
  rtl-*          an /ar/ page without dir="rtl" or whose main content is not laid out rtl
  page-load      a page that could not be loaded at all

Lines read `site/<path>: <rule>: <message>`; a summary goes to stderr. The site is served on
127.0.0.1 under the path of site_url, as tools/linkcheck.py does. A screenshot of one Arabic
page is saved to audit/ar-page.png.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.linkcheck import serve, site_prefix  # noqa: E402

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RTL_LANGUAGES = ("ar",)
SCREENSHOT_LANGUAGE = "ar"
NETWORK_SCHEMES = ("http", "https", "ws", "wss")
PAGE_TIMEOUT_MS = 30_000

# Wait (at most 1 s) for CSS transitions started by a palette switch, so that color-contrast
# reads final colours and not a frame half-way between light and dark.
SETTLE_JS = """() => Promise.race([
  Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, 1000)),
]).then(() => new Promise(resolve => requestAnimationFrame(() => resolve())))"""

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


def page_url(base: str, rel: str) -> str:
    """URL of a built file under the served base: a/b/index.html -> <base>a/b/."""
    if rel == "index.html":
        return base
    if rel.endswith("/index.html"):
        return base + rel[: -len("index.html")]
    return base + rel


def language_of(rel: str) -> str | None:
    first = rel.split("/", 1)[0]
    return first if "/" in rel and (len(first) == 2 or (len(first) == 5 and first[2] == "-")) else None


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def offsite_requests(urls: list[str], origin: str) -> list[str]:
    """The network requests (http/https/ws) that go anywhere but the site's own origin."""
    return [u for u in urls if urlsplit(u).scheme in NETWORK_SCHEMES and origin_of(u) != origin]


def display(folder: Path, rel: str) -> str:
    return f"{folder.name}/{rel}"


# --- axe ------------------------------------------------------------------------------------

def axe_options(rules: list[str] | None = None) -> dict:
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return {"runOnly": run_only, "resultTypes": ["violations"]}


def run_axe(page, axe_js: Path, rules: list[str] | None = None) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    return page.evaluate(AXE_RUN_JS, axe_options(rules))


def axe_lines(shown: str, violations: list[dict], note: str = "") -> tuple[list[str], list[str]]:
    """`site/<path>: axe-<rule>: <help> (<n> nodes)`, and the failing elements for --details."""
    problems, details = [], []
    for v in violations:
        suffix = f" [{note}]" if note else ""
        problems.append(f"{shown}: axe-{v['id']}: {v['help']}{suffix} ({len(v['nodes'])} nodes)")
        for node in v["nodes"]:
            details.append(f"    axe-{v['id']}{suffix}: {node['target']}: {node['html'][:200]}")
    return problems, details


def set_dark(page, dark: bool) -> None:
    """Material's dark palette: prefers-color-scheme (it follows it) and the scheme attribute."""
    page.emulate_media(color_scheme="dark" if dark else "light")
    scheme = "slate" if dark else "default"
    page.evaluate("""(scheme) => {
      if (document.body && document.body.hasAttribute('data-md-color-scheme'))
        document.body.setAttribute('data-md-color-scheme', scheme);
    }""", scheme)
    page.evaluate(SETTLE_JS)


# --- right-to-left --------------------------------------------------------------------------

def rtl_problems(shown: str, state: dict) -> list[str]:
    """An rtl page declares dir="rtl" on body (or, for a standalone card, on html) and its main
    content is laid out right-to-left."""
    problems = []
    if state["declaredDir"] != "rtl":
        problems.append(f"{shown}: rtl-dir: body has dir={state['bodyDir']!r}"
                        f" (nearest dir attribute: {state['declaredDir']!r} on {state['declaredOn']}), expected 'rtl'")
    if state["mainDirection"] != "rtl":
        problems.append(f"{shown}: rtl-direction: computed direction of {state['mainSelector']} is "
                        f"{state['mainDirection']!r}, expected 'rtl'")
    return problems


# --- one page -------------------------------------------------------------------------------

def audit_page(page, url: str, rel: str, shown: str, origin: str, options: Options,
               network: dict) -> PageResult:
    """Load one page and run every browser check on it. `network` is filled by the page's
    request listeners (see attach_network_log) and reset here."""
    result = PageResult(rel)
    network["requests"], network["failed"] = [], []
    page.emulate_media(color_scheme="light")
    try:
        response = page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
    except Exception as error:  # noqa: BLE001 - any load failure is a finding, not a crash
        result.problems.append(f"{shown}: page-load: {str(error).splitlines()[0]}")
        return result
    if response is None or response.status >= 400:
        status = response.status if response else "no response"
        result.problems.append(f"{shown}: page-load: {url} answered {status}")
        return result

    if language_of(rel) in RTL_LANGUAGES:
        result.problems += rtl_problems(shown, page.evaluate(RTL_JS))
        if options.screenshot and language_of(rel) == SCREENSHOT_LANGUAGE and not options.screenshot.exists():
            options.screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(options.screenshot))

    problems, details = axe_lines(shown, run_axe(page, options.axe_js))
    result.problems += problems
    result.details += details
    if options.dark:
        set_dark(page, True)
        problems, details = axe_lines(shown, run_axe(page, options.axe_js, ["color-contrast"]), "dark palette")
        result.problems += problems
        result.details += details

    result.requests = list(network["requests"])
    for offsite in offsite_requests(result.requests, origin):
        result.problems.append(f"{shown}: offsite-request: {offsite}")
    for failed in network["failed"]:
        result.problems.append(f"{shown}: request-failed: {failed}")
    return result


def attach_network_log(page, origin: str) -> dict:
    """Log every request of the page; off-origin ones are logged and aborted (never sent)."""
    network: dict = {"requests": [], "failed": []}

    def on_request(request):
        network["requests"].append(request.url)

    def on_response(response):
        if response.status >= 400 and origin_of(response.url) == origin:
            network["failed"].append(f"{response.url} answered {response.status}")

    def on_failed(request):
        # net::ERR_ABORTED is a request cancelled by the next navigation, not a broken one
        if origin_of(request.url) == origin and "ERR_ABORTED" not in (request.failure or ""):
            network["failed"].append(f"{request.url} failed: {request.failure}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.route(lambda url: urlsplit(url).scheme in NETWORK_SCHEMES and origin_of(url) != origin,
               lambda route: route.abort("blockedbyclient"))
    return network


# --- the browser run ------------------------------------------------------------------------

def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def browser_audit(folder: Path, files: list[Path], options: Options, progress=None) -> list[PageResult]:
    """Serve `folder`, open each file in one headless Chromium page, run every browser check."""
    from playwright.sync_api import sync_playwright

    server, base = serve(folder, site_prefix(folder))
    origin = origin_of(base)
    results = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light",
                                          service_workers="block")
            page = context.new_page()
            network = attach_network_log(page, origin)
            for index, path in enumerate(files, 1):
                rel = path.relative_to(folder).as_posix()
                results.append(audit_page(page, page_url(base, rel), rel, display(folder, rel), origin,
                                          options, network))
                if progress:
                    progress(index, len(files))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


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
        return [f"{folder.name}: vnu: could not read vnu output (exit {returncode}): "
                f"{(stderr or output).strip()[:500]}"]
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
        problems.append(f"{where}: {kind}: {message.get('message', '').strip()}")
    if not messages and returncode not in (0, None):
        problems.append(f"{folder.name}: vnu: exit {returncode}: {(stderr or output).strip()[:500]}")
    return problems


def vnu_check(files: list[Path], folder: Path, jar: Path = VNU_JAR) -> list[str]:
    proc = vnu_start(files, jar)
    out, err = proc.communicate()
    return vnu_problems(out, folder, err, proc.returncode)


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


def run(folder: Path, options: Options, vnu: bool = True, only: str | None = None) -> int:
    started = time.monotonic()
    if not (folder / "index.html").is_file():
        print(f"{folder}/index.html: audit: no built site (run make build first)")
        return 1
    missing = missing_tools(need_vnu=vnu)
    if missing:
        for tool in missing:
            print(f"audit: missing tool: {tool}")
        return 1
    files = html_files(folder)
    if only:
        files = [f for f in files if fnmatch.fnmatch(f.relative_to(folder).as_posix(), only)]
    proc = vnu_start(files) if vnu else None

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(f"audit: {done}/{total} pages in the browser, {time.monotonic() - started:.0f} s",
                  file=sys.stderr, flush=True)

    results = browser_audit(folder, files, options, progress)
    browser_seconds = time.monotonic() - started
    problems = []
    for result in results:
        problems += result.problems
        for line in result.problems:
            print(line)
        if options.details:
            for line in result.details:
                print(line)
    if proc is not None:
        out, err = proc.communicate()
        for line in vnu_problems(out, folder, err, proc.returncode):
            problems.append(line)
            print(line)
    requests = sum(len(r.requests) for r in results)
    elapsed = time.monotonic() - started
    print(f"audit: {len(files)} HTML files, {requests} requests logged, {len(problems)} problem(s); "
          f"browser {browser_seconds:.0f} s, total {elapsed:.0f} s", file=sys.stderr)
    for rule, count in sorted(summary(problems).items()):
        print(f"audit:   {rule}: {count}", file=sys.stderr)
    if options.screenshot and options.screenshot.exists():
        print(f"audit: screenshot of an Arabic page: {options.screenshot}", file=sys.stderr)
    return 1 if problems or not files else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--screenshot", type=Path, default=Path("audit/ar-page.png"),
                        help="where to save the screenshot of one Arabic page (default: audit/ar-page.png)")
    parser.add_argument("--no-dark", action="store_true", help="skip the dark-palette contrast pass")
    parser.add_argument("--no-vnu", action="store_true", help="skip the Nu HTML Checker")
    parser.add_argument("--only", metavar="GLOB", help="audit only the files whose path under site/ matches GLOB")
    parser.add_argument("--details", action="store_true", help="print the failing elements of each axe finding")
    args = parser.parse_args(argv)
    if args.screenshot.exists():
        args.screenshot.unlink()
    options = Options(dark=not args.no_dark, screenshot=args.screenshot, details=args.details)
    return run(args.site, options, vnu=not args.no_vnu, only=args.only)


if __name__ == "__main__":
    sys.exit(main())
