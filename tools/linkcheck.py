"""Run LinkChecker over the built site, served on localhost: internal links and anchors,
every language. Fails on any broken link or missing anchor. External links are not
fetched (this machine has no internet); their syntax is still checked.

    python -m tools.linkcheck site
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.content import load_languages  # noqa: E402
from scripts.rule_registry import finding  # noqa: E402

CONFIG = """\
[checking]
threads=8
maxrequestspersecond=1000
[filtering]
checkextern=0
"""


def languages(root: Path = ROOT) -> list[str]:
    """Configured languages, default first (mkdocs.yml): each non-default one is a start page."""
    return load_languages(root)[1]


def published_url(folder: Path) -> str | None:
    """site_url as the site was built with it (e.g. https://example.github.io/exosome-faq/),
    read from the built sitemap; None without one."""
    sitemap = folder / "sitemap.xml"
    if sitemap.is_file():
        match = re.search(r"<loc>\s*(\S+?)\s*</loc>", sitemap.read_text(encoding="utf-8"))
        if match:
            parts = urlsplit(match.group(1))
            path = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
            return f"{parts.scheme}://{parts.netloc}{path}"
    return None


def site_prefix(folder: Path) -> str:
    """The path part of site_url (e.g. /exosome-faq/), read from the built sitemap."""
    url = published_url(folder)
    return urlsplit(url).path if url else "/"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under the path of its site_url (set `prefix` on a subclass or partial)."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        elif self.prefix != "/":
            path = "/__outside_site_prefix__" + path
        return super().translate_path(path)

    def log_message(self, *args):  # keep the report readable
        pass


def serve(folder: Path, prefix: str = "/", handler: type[SiteHandler] = SiteHandler
          ) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the site on localhost under the same path as on GitHub Pages."""
    bound = type("BoundSiteHandler", (handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(bound, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def run(folder: Path) -> int:
    if not (folder / "index.html").is_file():
        print(finding(f"{folder}/index.html", "built-site-missing", "no built site (run mkdocs build first)"))
        return 1
    server, base = serve(folder, site_prefix(folder))
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as config:
        config.write(CONFIG)
    start_pages = [base] + [f"{base}{lang}/" for lang in languages()[1:] if (folder / lang / "index.html").is_file()]
    try:
        result = subprocess.run(
            [sys.executable, "-m", "linkcheck", "--config", config.name, "--output", "csv",
             "--no-status", "--verbose", "--recursion-level", "-1", *start_pages],
            capture_output=True, text=True, check=False)
    finally:
        server.shutdown()
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    problems, checked = [], 0
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        checked += 1
        url = (row.get("urlname") or "").strip()
        parent = (row.get("parentname") or "").replace(base, "site/")
        if row.get("valid", "").strip() not in ("True", "1"):
            problems.append(finding(parent, "built-link-broken", f"{url}: {row.get('result', '').strip()}"))
        elif "anchor" in (row.get("warningstring") or "").lower():
            problems.append(finding(parent, "built-anchor-broken", f"{url}: {row.get('warningstring', '').strip()}"))
    if result.returncode not in (0, 1) and not problems:
        print(result.stderr.strip() or result.stdout.strip())
        return result.returncode
    anchors_checked, anchor_problems = check_anchors(folder, site_prefix(folder))
    problems += anchor_problems
    for problem in problems:
        print(problem)
    print(f"linkcheck: {checked} URLs checked by LinkChecker, {anchors_checked} anchors checked, "
          f"{len(problems)} problem(s), start pages: {len(start_pages)}",
          file=sys.stderr)
    return 1 if problems or checked == 0 else 0


def check_anchors(folder: Path, prefix: str) -> tuple[int, list[str]]:
    """Every internal link with a #fragment must land on an element with that id.

    LinkChecker's own AnchorCheck refetches the page for each fragment (minutes on this
    site), so fragments are checked here from the built files, each parsed once."""
    from bs4 import BeautifulSoup

    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str, Path, str]] = []
    for html_file in sorted(folder.rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        ids[html_file.resolve()] = {el["id"] for el in soup.find_all(id=True)} | \
            {el["name"] for el in soup.find_all("a", attrs={"name": True})}
        for a in soup.find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            if parts.path.startswith("/"):
                if not parts.path.startswith(prefix):
                    continue
                target = folder / parts.path[len(prefix):]
            else:
                target = html_file.parent / parts.path if parts.path else html_file
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            links.append((html_file, href, target.resolve(), parts.fragment))
    problems = []
    for source, href, target, fragment in links:
        if target in ids and fragment not in ids[target]:
            problems.append(finding(str(source.relative_to(folder.parent)), "built-anchor-broken",
                                    f"{href}: no element with id '{fragment}'"))
    return len(links), problems


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
