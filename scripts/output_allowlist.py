"""The output gate: every built HTML file (pages of every language, embed cards, redirect pages,
404) is parsed the way a browser parses it (lexbor through selectolax: a C implementation of the
WHATWG HTML5 algorithm; entities are decoded, tag and attribute names lower-cased) and every element, attribute and URL scheme must be
on the allowlist below. Anything else fails the build, traced back to the source file and line.

    python -m scripts.output_allowlist site      # the same gate the MkDocs hook runs after the build

Two zones. The *content* zone (Material's ``article.md-content__inner``; the whole body of a
document without one, such as an embed card) gets what Markdown, our renderer and the evidence
badges produce, and nothing that runs. The *theme* zone (the rest of a Material page) also gets
what Material legitimately writes: its header, navigation, search form, palette inputs, svg icons,
its inline scripts (only at the places the theme puts them; their hashes go into the page's
Content-Security-Policy, see scripts/csp.py) and scripts loaded from the site itself.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import sys
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import csp
from .parallel import default_helpers, run_all
from .report import Problem

# foreign content: the parser puts <svg> and <math> (and what they contain) in their own
# namespaces; these children of an svg element go back to HTML (HTML integration points)
FOREIGN_ROOTS = {"svg": "svg", "math": "math"}
SVG_HTML_POINTS = {"foreignobject", "desc", "title"}

# --- the allowlist -----------------------------------------------------------------------------

# attributes every allowed element may carry (aria-* too, see ATTR_PREFIXES)
GLOBAL_ATTRS = {"id", "class", "title", "lang", "dir", "hidden", "role", "tabindex"}
ATTR_PREFIXES = ("aria-",)

# element -> its own attributes, in the content zone (Markdown, attr_list ids/classes, the
# renderer's badges, citations, source lists, dates and admonitions, toc permalinks)
CONTENT: dict[str, set[str]] = {
    **{tag: set() for tag in (
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "dl", "dt", "dd",
        "em", "strong", "b", "i", "u", "s", "small", "mark", "sub", "sup", "kbd", "code", "pre",
        "span", "bdi", "section", "div", "blockquote", "abbr", "cite", "summary", "table", "thead", "tbody",
        "tfoot", "tr", "caption", "figure", "figcaption", "main")},
    "a": {"href", "hreflang", "rel", "target"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "time": {"datetime"},
    # the "Print this page" button (scripts/handout.py): a type, no handler, no form to submit;
    # docs/assets/print.js gives it its click
    "button": {"type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "svg:svg": {"viewbox", "xmlns", "focusable"},
    "svg:path": {"d"},
}

# element -> its own attributes, in the theme zone (what Material 9 writes around the content;
# derived from the built site: python -m scripts.output_allowlist --inventory site)
THEME: dict[str, set[str]] = {
    **CONTENT,
    "html": {"class"},
    "head": set(), "body": {"data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"},
    "title": set(), "style": set(),
    "meta": {"charset", "name", "content", "property", "http-equiv"},
    "link": {"rel", "href", "hreflang", "type", "sizes"},
    "script": {"src", "type"},
    "header": {"data-md-component"}, "footer": {"data-md-component"},
    "main": {"data-md-component"}, "article": set(), "nav": {"data-md-level", "data-md-component"},
    "div": {"data-md-component", "data-md-scrollfix", "data-md-type", "data-md-state"},
    "ul": {"data-md-scrollfix", "data-md-component"},
    "a": CONTENT["a"] | {"data-md-component", "data-md-state"},
    "span": {"data-md-component"},
    "label": {"for", "data-md-component"},
    "form": {"name", "data-md-component"},
    "input": {"type", "name", "placeholder", "autocapitalize", "autocorrect", "autocomplete",
              "spellcheck", "required", "checked", "data-md-toggle", "data-md-component",
              "data-md-color-media", "data-md-color-scheme", "data-md-color-primary",
              "data-md-color-accent", "data-md-state"},
    "button": {"type", "data-md-component", "data-clipboard-target"},
    "ol": CONTENT["ol"] | {"data-md-component"},
    "li": {"data-md-component"},
}

# attribute values that are restricted beyond "present or not"
VALUES: dict[tuple[str, str], set[str]] = {
    ("a", "target"): {"_blank", "_top", "_self"},
    ("input", "type"): {"checkbox", "radio", "text", "search"},
    ("button", "type"): {"button", "reset", "submit"},
    ("meta", "http-equiv"): {"content-security-policy", "refresh"},
    ("script", "type"): {"application/json", "application/ld+json"},
    ("th", "style"): {"text-align: left;", "text-align: center;", "text-align: right;"},
    ("td", "style"): {"text-align: left;", "text-align: center;", "text-align: right;"},
}
LINK_RELS = {"canonical", "alternate", "prev", "next", "icon", "stylesheet", "license", "search",
             "noopener", "noreferrer", "nofollow"}
URL_ATTRS = {"href", "src", "action", "formaction", "cite", "poster", "srcset", "data",
             "xlink:href", "background", "longdesc", "manifest", "ping", "lowsrc", "dynsrc"}
SCHEMES = {"http", "https", "mailto"}
# where Material puts its inline scripts (a script anywhere else is not the theme's)
INLINE_SCRIPT_PARENTS = {("head", ""), ("body", ""), ("nav", "md-header__inner"), ("div", "md-main__inner")}
# The theme's own inline scripts, and nothing else: sha256 of each script's text with the base
# address of __md_scope (it differs with the page's depth) replaced by ".". These are Material
# 9.8.1's three (storage scope, palette, hash target). A Material upgrade that changes them fails
# the build here: review the new scripts, then update the hashes (the message prints them).
THEME_SCRIPTS = {
    "6a9a103c779f08d5a3c5b0a6f87cd50ce016e024955a163b5729508e0385c9f9",  # __md_scope, __md_get/__md_set
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e",  # palette from storage
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",  # open the toggle named in #hash
}
# The site's own inline scripts (overrides/ and scripts/), by sha256 of their exact text: the
# language switcher's hash keeper and the /404.html language picker (scripts/not_found.py
# PICK_SCRIPT). A change to them fails here until reviewed; a standalone document may run only
# these.
SITE_SCRIPTS = {
    "06b87c09bd1f1def8c27ba2e4a9a76e84b1d5d07038d1ebe9ca51deff0d27c67",  # overrides/main.html: the language switcher keeps the #question-id
    "b7b2f1215c7185716ce48e315905773e45b14ac6b878937b172deee3986b71d9",  # /404.html: show the message in the language of the missing address
}
MD_SCOPE_RE = re.compile(r'__md_scope=new URL\("[^"<>]*",location\)')
# data scripts (never executed) and where the theme and our head tags put them
DATA_SCRIPTS = {"application/ld+json": ("head", None), "application/json": ("body", "__config")}
CONTENT_ROOT = ("article", "md-content__inner")


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    token: str          # text to look for in the sources, to trace the finding back


# --- URL schemes -------------------------------------------------------------------------------

_URL_SPACE = "".join(map(chr, range(0x21)))         # C0 controls and space, stripped at both ends
_URL_DROPPED = str.maketrans("", "", "\t\n\r")        # removed anywhere
_SCHEME_END_RE = re.compile(r"[:/?#]")
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


def url_scheme(value: str) -> str | None:
    """The scheme a browser sees in an attribute value (already entity-decoded by the parser):
    leading/trailing C0 controls and spaces stripped, tabs and newlines removed anywhere
    (WHATWG URL parser), lower-cased. None for a relative URL."""
    value = value.translate(_URL_DROPPED).strip(_URL_SPACE)
    end = _SCHEME_END_RE.search(value)
    if end is None or end.group() != ":":
        return None
    scheme = value[:end.start()]
    return scheme.lower() if _SCHEME_RE.fullmatch(scheme) else None


def _url_values(tag: str, name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    if tag == "meta" and name == "content":
        return []
    return [value]


def refresh_url(content: str) -> str:
    """The URL of <meta http-equiv=refresh content="0; url=...">."""
    _, _, rest = content.partition(";")
    rest = rest.strip()
    if rest.lower().startswith("url"):
        rest = rest[3:].lstrip(" =").strip("'\"")
    return rest


# --- the walk ----------------------------------------------------------------------------------

def _qualified(tag: str, namespace: str) -> str:
    """An element's name as the allowlist spells it: "p", "svg:path", "math:mi"."""
    if namespace == "svg":
        return "svg:" + tag.lower()
    return f"{namespace}:{tag}" if namespace else tag


def _child_namespace(tag: str, namespace: str) -> str:
    """The namespace of an element's children (WHATWG tree construction, foreign content)."""
    if not namespace:
        return FOREIGN_ROOTS.get(tag, "")
    if namespace == "svg" and tag.lower() in SVG_HTML_POINTS:
        return ""
    return namespace


def _own_namespace(tag: str, parent_namespace: str) -> str:
    return FOREIGN_ROOTS.get(tag, "") if not parent_namespace else parent_namespace


def _attr_name(name: str) -> str:
    return name.lower()  # xlink:href, xmlns and plain names, as the parser adjusted them


def _elements(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        if child.is_element_node:
            yield child
        child = child.next


def _attrs(node: LexborNode) -> dict[str, str]:
    return {name: value or "" for name, value in node.attributes.items()}


def _parse(text: str) -> LexborNode:
    root = LexborHTMLParser(text).root
    assert root is not None  # the parser always builds <html>
    return root


@dataclass
class Analysis:
    findings: list[Finding]
    inline_scripts: list[str]   # text of each executable inline script (for the CSP hashes)
    standalone: bool            # no Material content root: an embed card, a redirect page
    has_csp: bool


CSP_MISSING = Finding("output-csp-missing", "no Content-Security-Policy meta tag", "<head")


def scan_html(text: str) -> list[Finding]:
    """Every element, attribute and URL of one HTML document outside the allowlist."""
    analysis = analyse(text)
    return analysis.findings + ([] if analysis.has_csp else [CSP_MISSING])


def analyse(text: str) -> Analysis:
    root = _parse(text)
    standalone = not any(CONTENT_ROOT[1] in (node.attributes.get("class") or "").split()
                         for node in root.css(CONTENT_ROOT[0]))
    found: list[Finding] = []
    scripts: list[str] = []
    csp_seen = False

    def walk(children: Iterable[LexborNode], parent_name: str, parent_classes: list[str], namespace: str,
             in_content: bool) -> None:
        nonlocal csp_seen
        for child in children:
            own_namespace = _own_namespace(child.tag, namespace)
            name = _qualified(child.tag, own_namespace)
            attrs = _attrs(child)
            classes = attrs.get("class", "").split()
            content = in_content or (name == CONTENT_ROOT[0] and CONTENT_ROOT[1] in classes) or \
                (standalone and name == "body")
            table = CONTENT if in_content else THEME
            if name not in table:
                where = "the content" if in_content else "the page"
                found.append(Finding("output-element", f"<{name}> is not allowed in {where}", f"<{name}"))
                continue  # its subtree goes with it
            if attrs and not attrs.keys() <= NAMES_ONLY[in_content][name]:
                found.extend(_attr_findings(name, attrs, table))
            if name == "script":
                text = child.text(deep=True)
                found.extend(_script_findings(attrs, text, parent_name, parent_classes, standalone))
                if "src" not in attrs and attrs.get("type", "").lower() not in VALUES[("script", "type")]:
                    scripts.append(text)
            if name == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
                csp_seen = True
            walk(_elements(child), name, classes, _child_namespace(child.tag, own_namespace), content)

    # from <html> itself: a stray <html onload=...> anywhere in a page adds its attributes to it
    walk([root], "", [], "", False)
    return Analysis(found, scripts, standalone, csp_seen)


# attributes whose value is checked too (a URL, a listed value, rel, a refresh)
VALUE_CHECKED = URL_ATTRS | {attr for _, attr in VALUES} | {"rel", "content"}


def _names_only(table: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """element -> the attributes allowed on it whose value needs no check (names as the parser
    gives them: an element whose attributes are all here has nothing to report)"""
    return {name: frozenset(a for a in attrs | GLOBAL_ATTRS if a not in VALUE_CHECKED and not a.startswith("on"))
            for name, attrs in table.items()}


NAMES_ONLY = {True: _names_only(CONTENT), False: _names_only(THEME)}   # by zone: in the content or not


def _attr_findings(name: str, attrs: dict[str, str], table: dict[str, set[str]]) -> Iterator[Finding]:
    allowed = table[name] | GLOBAL_ATTRS
    for raw_name, value in attrs.items():
        attr = _attr_name(raw_name)
        if attr.startswith("on"):
            yield Finding("output-event-handler", f"event handler {attr}= on <{name}>", attr)
            continue
        if not (attr in allowed or attr.startswith(ATTR_PREFIXES)):
            yield Finding("output-attribute", f"attribute {attr}= on <{name}> is not allowed", attr)
            continue
        if (name, attr) in VALUES and value.strip().lower() not in VALUES[(name, attr)]:
            yield Finding("output-attribute", f"{attr}={value[:40]!r} on <{name}> is not allowed", value[:40])
        if name in ("a", "link") and attr == "rel" and not set(value.lower().split()) <= LINK_RELS:
            yield Finding("output-attribute", f"rel={value[:40]!r} on <{name}> is not allowed", value[:40])
        urls = _url_values(name, attr, value) if attr in URL_ATTRS else []
        if name == "meta" and attr == "content" and attrs.get("http-equiv", "").lower() == "refresh":
            urls = [refresh_url(value)]
        for url in urls:
            scheme = url_scheme(url)
            if scheme is not None and scheme not in SCHEMES:
                yield Finding("output-url-scheme", f"{attr}= on <{name}> uses the scheme '{scheme}:'", url[:30])
            elif name == "script" and (scheme is not None or url.lstrip().startswith("//")):
                yield Finding("output-script-source", f"script from another site: {url[:60]}", url[:30])


def _script_findings(attrs: dict[str, str], text: str, parent_name: str, parent_classes: list[str],
                     standalone: bool) -> Iterator[Finding]:
    kind = attrs.get("type", "").lower()
    if standalone:
        own = "src" not in attrs and kind == "" and \
            hashlib.sha256(text.encode("utf-8")).hexdigest() in SITE_SCRIPTS
        if not own:
            yield Finding("output-script", "a script in a document that must not run any", "<script")
        return
    if "src" in attrs:
        if text.strip():
            yield Finding("output-script", "a <script src> with inline text", "<script")
        return
    if kind in DATA_SCRIPTS:
        where, ident = DATA_SCRIPTS[kind]
        if parent_name != where or attrs.get("id") != ident:
            yield Finding("output-script", f"a {kind} script outside the one place the site puts it", "<script")
        return  # data, never executed
    if hashlib.sha256(text.encode("utf-8")).hexdigest() in SITE_SCRIPTS:
        return  # the site's own, reviewed
    digest = hashlib.sha256(MD_SCOPE_RE.sub('__md_scope=new URL(".",location)', text).encode("utf-8")).hexdigest()
    if digest not in THEME_SCRIPTS:
        yield Finding("output-script", f"an inline script that is not one of the theme's own (normalised "
                                       f"sha256 {digest[:16]}...: see THEME_SCRIPTS)", text.strip()[:30] or "<script")
        return
    if not ((parent_name, "") in INLINE_SCRIPT_PARENTS or
            any((parent_name, c) in INLINE_SCRIPT_PARENTS for c in parent_classes)):
        yield Finding("output-script", "an inline script outside the places the theme puts its own",
                      text.strip()[:30] or "<script")


# --- tracing back to the source ----------------------------------------------------------------

def source_candidates(project, rel: str) -> list[Path]:
    """The files whose text can end up in site/<rel>, most likely first: the page's Markdown
    (translation or the English fallback), the data files rendered into every page, then the
    other pages of the language (their titles are in the navigation)."""
    parts = rel.split("/")
    lang = parts[0] if parts[0] in project.languages else project.default_language
    if parts[0] == lang and lang != project.default_language:
        parts = parts[1:]
    if parts and parts[0] == "embed":
        parts = parts[1:-2]  # embed/<page path>/<question id>/index.html
    else:
        parts = parts[:-1]
    page = "/".join(parts) + ".md" if parts else "index.md"
    docs = project.root / "docs"
    found = [docs / lang / page, docs / project.default_language / page]
    found += [project.root / "data" / name for name in ("ui.yml", "sources.yml", "evidence.yml")]
    # navigation, previous/next links and the language switcher show other pages' titles
    found += sorted((docs / lang).rglob("*.md")) + sorted((docs / project.default_language).rglob("*.md"))
    return [p for p in dict.fromkeys(found) if p.is_file()]


def trace(candidates: list[Path], token: str, root: Path) -> tuple[str, int] | None:
    """First line of a candidate whose entity-decoded text contains the token (any case)."""
    needle = token.lower()
    if not needle.strip():
        return None
    for path in candidates:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if needle in html.unescape(line).lower() or needle in line.lower():
                return path.relative_to(root).as_posix(), number
    return None


def check_site(site_dir: Path, project, add_csp: bool = False, helpers: int | None = None,
               gated: Iterable[Stamped] = ()) -> list[Problem]:
    """Every finding in every HTML file, as `source:line: rule: message (hint: built file)`.
    With add_csp (the build), a file without a policy gets one first (scripts/csp.py), hashing
    the inline scripts the allowlist accepts (a file with findings fails the build anyway).
    The files are parsed by this process and `helpers` forked ones (scripts/parallel.py;
    default: one per further CPU); the problems are the same, in the same order. `gated`: files
    the build gated while it went on (gate_stamped); one whose bytes are still the ones gated
    keeps its findings, any other file (new, or written again since) is gated here."""
    files = html_files(site_dir)
    earlier = {rel: (stamp, findings) for rel, stamp, findings in gated}
    kept = {rel: earlier[rel][1] for rel in files
            if rel in earlier and digest((site_dir / rel).read_bytes()) == earlier[rel][0]}
    found = dict(gate_files(site_dir, [rel for rel in files if rel not in kept], add_csp, helpers))
    problems = []
    for rel in files:
        shown = f"{site_dir.name}/{rel}"
        for finding in dict.fromkeys(kept[rel] if rel in kept else found[rel]):
            where = trace(source_candidates(project, rel), finding.token, project.root) \
                if project is not None and finding.rule != CSP_MISSING.rule else None
            if where:
                problems.append(Problem(where[0], where[1], finding.rule, finding.message, f"built into {shown}"))
            else:
                problems.append(Problem(shown, 1, finding.rule, finding.message,
                                        "not on the output allowlist (scripts/output_allowlist.py)"))
    return problems


def html_files(site_dir: Path) -> list[str]:
    """Every *.html file under site_dir (relative, '/'-separated), in the order of
    sorted(site_dir.rglob("*.html")); one os.walk, without a Path object per folder (2,900 card
    folders: 0.14 s -> 0.10 s). As rglob, symbolic links to folders are not followed."""
    found: list[tuple[str, ...]] = []
    for folder, _, names in os.walk(site_dir):
        parts = Path(folder).relative_to(site_dir).parts
        found.extend((*parts, name) for name in names if name.endswith(".html"))
    return ["/".join(parts) for parts in sorted(found)]


CHUNKS_PER_PROCESS = 4
Stamped = tuple[str, str, list[Finding]]  # (file, digest of the bytes gated, their findings)


def gate_files(site_dir: Path, files: list[str], add_csp: bool,
               helpers: int | None = None) -> list[tuple[str, list[Finding]]]:
    """(file, its findings) for each file, in the order given; the files in interleaved chunks
    (each gets its share of pages and cards) taken by this process and the helpers."""
    helpers = default_helpers() if helpers is None else helpers
    step = (helpers + 1) * CHUNKS_PER_PROCESS
    chunks = [files[start::step] for start in range(step)]
    done = {rel: findings for rel, _, findings in
            chain.from_iterable(run_all([partial(gate_stamped, site_dir, chunk, add_csp) for chunk in chunks], helpers))}
    return [(rel, done[rel]) for rel in files]


def gate_stamped(site_dir: Path, files: list[str], add_csp: bool) -> list[Stamped]:
    """Parse each file; with add_csp, write its policy into a file that has none. Each file
    with the digest of its bytes as gated (check_site keeps the findings while they match)."""
    found = []
    for rel in files:
        file = site_dir / rel
        raw = file.read_bytes()
        secured, findings = gate_document(raw.decode("utf-8", errors="replace"), add_csp)
        if secured is not None:
            raw = secured.encode("utf-8")
            file.write_bytes(raw)
        found.append((rel, digest(raw), findings))
    return found


def write_gated(site_dir: Path, rel: str, text: str) -> Stamped:
    """Write a document the build makes (an embed card) gated as gate_stamped would gate the
    file: parsed before it is written, its policy added, written once."""
    secured, findings = gate_document(text, add_csp=True)
    raw = (text if secured is None else secured).encode("utf-8")
    (site_dir / rel).write_bytes(raw)
    return rel, digest(raw), findings


def gate_document(text: str, add_csp: bool) -> tuple[str | None, list[Finding]]:
    """The findings of one document; with add_csp and no policy in it, the document with its
    policy (else None)."""
    analysis = analyse(text)
    findings = list(analysis.findings)
    secured = None
    if add_csp and not analysis.has_csp:
        secured = csp.add_meta(text, csp.policy(analysis.inline_scripts, analysis.standalone))
        analysis.has_csp = secured is not None
    if not analysis.has_csp:
        findings.append(CSP_MISSING)
    return secured, findings


def gated_later(site_dir: Path, files: list[str]) -> Iterator[list[Stamped]]:
    """gate_stamped with policies added, as a build's worker job (scripts/background.py)."""
    yield gate_stamped(site_dir, files, add_csp=True)


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def inventory(site_dir: Path) -> dict[str, set[str]]:
    """Every element with the attributes it carries in a built site (to review the allowlist)."""
    seen: dict[str, set[str]] = {}
    def walk(children: Iterable[LexborNode], namespace: str) -> None:
        for child in children:
            own = _own_namespace(child.tag, namespace)
            seen.setdefault(_qualified(child.tag, own), set()).update(_attr_name(a) for a in child.attributes)
            walk(_elements(child), _child_namespace(child.tag, own))

    for file in sorted(site_dir.rglob("*.html")):
        walk([_parse(file.read_text(encoding="utf-8"))], "")
    return seen


def main(argv: list[str] | None = None) -> int:
    from .content import load_project
    from .report import format_all

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--inventory":
        for name, attrs in sorted(inventory(Path(args[1] if len(args) > 1 else "site")).items()):
            print(name, " ".join(sorted(attrs)))
        return 0
    site_dir = Path(args[0] if args else "site")
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}/index.html: output-missing: no built site (run make build first)")
        return 1
    root = Path(__file__).resolve().parent.parent
    problems = check_site(site_dir, load_project(root))
    if problems:
        print(format_all(problems))
    files = sum(1 for _ in site_dir.rglob("*.html"))
    print(f"output allowlist: {files} HTML files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
