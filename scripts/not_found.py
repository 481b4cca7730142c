"""404 pages.

GitHub Pages answers every missing address with the one /404.html at the site root, whatever
language the reader was in. So:

- each language gets its own themed 404 page (`<lang>/404.html`; Material renders it once per
  language build, and mkdocs-static-i18n writes every one of them to the same /404.html, so the
  last language built used to win): `localize_not_found` writes its message;
- /404.html itself is `universal_page`: a small page holding the message in every language. A
  tiny inline script reads the language prefix of the missing address and shows only that
  language, with the right lang and dir; without scripts every language is listed, each with a
  link to its home page and a search box."""

from __future__ import annotations

import html
import re
from typing import Any

MATERIAL_HEADING_RE = re.compile(r"<h1>404 - Not found</h1>")


def home_url(site_path: str, lang: str, default: str) -> str:
    return site_path + ("" if lang == default else f"{lang}/")


def message_html(strings: dict[str, Any], home: str, lang: str, heading: str = "h1") -> str:
    """The message: what happened, a link home, and a link to the search on the home page
    (no form: the pages' Content-Security-Policy says form-action 'none')."""
    e = html.escape
    return (f'<{heading}>{e(strings["not_found_title"])}</{heading}>\n'
            f'<p>{e(strings["not_found_text"])}</p>\n'
            f'<p><a href="{e(home)}">{e(strings["not_found_home"])}</a></p>\n'
            f'<p class="not-found-search"><a href="{e(home)}?q=">{e(strings["not_found_search"])}</a></p>')


def localize_not_found(output: str, strings: dict[str, Any], site_path: str, lang: str, default: str) -> str:
    """Material's 404 template says "404 - Not found" in English in every language."""
    body = message_html(strings, home_url(site_path, lang, default), lang)
    return MATERIAL_HEADING_RE.sub(lambda _: body, output, count=1)


# One constant script (its hash is on the output allowlist, scripts/output_allowlist.py
# SITE_SCRIPTS): everything it needs is read from the page itself.
PICK_SCRIPT = """document.addEventListener("DOMContentLoaded", function () {
  var icon = document.querySelector('link[rel="icon"]');
  var site = icon ? icon.getAttribute("href").replace(/assets\\/favicon\\.svg$/, "") : "/";
  var path = location.pathname, first = path.indexOf(site) === 0 ? path.slice(site.length).split("/")[0] : "";
  var sections = document.querySelectorAll("section.not-found"), pick = sections[0];
  for (var i = 0; i < sections.length; i++) { if (sections[i].lang === first) pick = sections[i]; }
  if (!pick) return;
  var root = document.documentElement;
  root.lang = pick.lang;
  root.dir = pick.dir || "ltr";
  root.setAttribute("data-not-found", pick.lang);
  document.title = pick.querySelector("h1").textContent + " \u00b7 " + pick.querySelector(".not-found-site").textContent;
});"""

STYLE = """body { margin: 0; font-family: system-ui, "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK KR", sans-serif;
  line-height: 1.6; color: #1f2328; background: #fff; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
.not-found { padding: 1rem 0; border-bottom: 1px solid #d0d7de; }
.not-found:lang(ko) { word-break: keep-all; overflow-wrap: anywhere; }
.not-found-site { font-weight: 700; color: #00574b; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: .3rem 0 .6rem; }
a { color: #005a8c; text-decoration: underline; }
@media (prefers-color-scheme: dark) {
  body { color: #e6edf3; background: #1e2129; }
  .not-found { border-color: #444c56; }
  .not-found-site { color: #7fd1c1; }
  a { color: #8fd3ff; }
}
html[data-not-found] .not-found { display: none; border: 0; }
%(show)s"""


def universal_page(site_path: str, languages: list[str], default: str, rtl: set[str],
                   strings: dict[str, dict[str, Any]], site_names: dict[str, str]) -> str:
    e = html.escape
    titles = {lang: f'{strings[lang]["not_found_title"]} · {site_names[lang]}' for lang in languages}
    script = PICK_SCRIPT
    show = "\n".join(f'html[data-not-found="{lang}"] .not-found[lang="{lang}"] {{ display: block; }}'
                     for lang in languages)
    sections = []
    for lang in languages:
        home = home_url(site_path, lang, default)
        direction = "rtl" if lang in rtl else "ltr"
        sections.append(
            f'<section class="not-found" lang="{lang}" dir="{direction}">\n'
            f'<p class="not-found-site"><a href="{e(home)}">{e(site_names[lang])}</a></p>\n'
            f'{message_html(strings[lang], home, lang)}\n</section>')
    return (f'<!doctype html>\n<html lang="{default}" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<title>{e(titles[default])}</title>\n'
            f'<link rel="icon" href="{e(site_path)}assets/favicon.svg">\n'
            f'<script>{script}</script>\n<style>{STYLE % {"show": show}}</style>\n</head>\n<body>\n<main>\n'
            + "\n".join(sections) + "\n</main>\n</body>\n</html>\n")
