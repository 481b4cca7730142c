"""Measure embed cards inside the iframe snippets the For clinics page gives, in Chromium.

Used by tests_site/test_card_fit.py; run it directly for the numbers:
    .venv/bin/python tests_site/cardfit.py [width ...]
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTHS = (300, 342, 390, 760)
SNIPPET_RE = re.compile(r'<code class="language-html">(.*?)</code>', re.S)
# every part of a card a reader must see, found by its role in the card's markup
PARTS = {"question": "h1", "label": ".badge", "answer": ".answer", "reviewed": "time",
         "full answer link": "a[target=_top]", "disclaimer": ".note"}

MEASURE_JS = """(parts) => [...document.querySelectorAll('iframe')].map(frame => {
  const doc = frame.contentDocument, root = doc && doc.documentElement;
  if (!root || !doc.body || !doc.querySelector('h1')) return {src: frame.src, error: 'card did not load'};
  const box = {w: frame.clientWidth, h: frame.clientHeight};
  const missing = [];
  for (const [name, sel] of Object.entries(parts)) {
    const el = doc.querySelector(sel);
    if (!el) { missing.push(name + ' (not in the card)'); continue; }
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.bottom > box.h + 0.5 || r.right > box.w + 0.5 || r.left < -0.5 || r.top < -0.5)
      missing.push(name);
  }
  const row = {src: frame.src, frame_h: box.h, frame_w: box.w, content_h: root.scrollHeight,
               content_w: root.scrollWidth, missing};
  const main = doc.querySelector('main');  // the height the card needs, without filling the frame
  if (main) { main.style.minHeight = '0'; row.need_h = main.offsetHeight; main.style.minHeight = ''; }
  return row;
})"""


def snippets(lang_prefix: str) -> list[str]:
    """The iframe snippets of one language's For clinics page, as a clinic would paste them."""
    page = SITE / lang_prefix / "for-clinics" / "index.html"
    return [html.unescape(code) for code in SNIPPET_RE.findall(page.read_text(encoding="utf-8"))
            if "&lt;iframe" in code]


def host_page(codes: list[str], site_url: str, base: str) -> str:
    """A clinic page holding the snippets. Only two changes to the pasted markup: the site's
    address points at the local server, and loading="lazy" is dropped so every frame loads now."""
    lazy = ' loading="lazy"'
    frames = "\n".join("<div>" + c.replace(site_url, base).replace(lazy, "") + "</div>" for c in codes)
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width,initial-scale=1'><title>clinic</title>"
            "<style>body{margin:0}div{margin:0 0 8px}</style></head><body>" + frames + "</body></html>")


def measure(lang_prefixes: list[str], widths=WIDTHS, schemes=("light", "dark"), edit=None, limit=None) -> list[dict]:
    """One row per card, width and colour scheme. `edit` changes each snippet (tests of the test),
    `limit` measures only the first cards of each language."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tools.linkcheck import published_url, serve, site_prefix

    site_url = published_url(SITE)
    server, base = serve(SITE, site_prefix(SITE))
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for lang_prefix in lang_prefixes:
                codes = [edit(c) if edit else c for c in snippets(lang_prefix)][:limit]
                host = SITE / f"__cardfit_{lang_prefix.strip('/') or 'en'}.html"
                host.write_text(host_page(codes, site_url, base), encoding="utf-8")
                try:
                    # one load per language; the same frames are then resized and re-themed
                    page = browser.new_page(viewport={"width": widths[0], "height": 800})
                    page.goto(f"{base}{host.name}", wait_until="load")
                    for scheme in schemes:
                        page.emulate_media(color_scheme=scheme)
                        for width in widths:
                            page.set_viewport_size({"width": width, "height": 800})
                            for row in page.evaluate(MEASURE_JS, PARTS):
                                rows.append({**row, "lang": lang_prefix.strip("/") or "en",
                                             "width": width, "scheme": scheme})
                    page.close()
                finally:
                    host.unlink()
            browser.close()
    finally:
        server.shutdown()
    return rows


def problems(rows: list[dict]) -> list[str]:
    out = []
    for r in rows:
        where = f"{r['src']} at {r['width']} px ({r['scheme']})"
        if r.get("error"):
            out.append(f"{where}: {r['error']}")
            continue
        if r["content_h"] > r["frame_h"] or r["content_w"] > r["frame_w"]:
            out.append(f"{where}: card needs {r['content_w']}x{r['content_h']} px, frame is {r['frame_w']}x{r['frame_h']}")
        if r["missing"]:
            out.append(f"{where}: outside the frame: {', '.join(r['missing'])}")
    return out


if __name__ == "__main__":
    widths = tuple(int(w) for w in sys.argv[1:]) or WIDTHS
    langs = [""] + [f"{d.name}/" for d in sorted(SITE.iterdir()) if (d / "for-clinics").is_dir()]
    rows = measure(langs, widths, ("light",))
    for width in widths:
        at = [r for r in rows if r["width"] == width and not r.get("error")]
        over = [r for r in at if r["content_h"] > r["frame_h"]]
        print(f"{width:4d} px: cards need {min(r['need_h'] for r in at)}-{max(r['need_h'] for r in at)} px"
              f" (max per language: " + ", ".join(f"{lang} {max(r['need_h'] for r in at if r['lang'] == lang)}"
                                                  for lang in sorted({r['lang'] for r in at}))
              + f"); frames {min(r['frame_h'] for r in at)}-{max(r['frame_h'] for r in at)} px;"
              f" frame/need min {min(r['frame_h'] / r['need_h'] for r in at):.2f},"
              f" mean spare {sum(r['frame_h'] - r['need_h'] for r in at) / len(at):.0f} px;"
              f" overflowing {len(over)}/{len(at)}")
