"""The output allowlist (scripts/output_allowlist.py): every injection path into the built HTML.

Markdown cases go through the real engine (Python-Markdown with this site's extensions from
mkdocs.yml) into the content of a real Material page built from the fixture, then through the
gate. Data cases (ui.yml, sources.yml, a translated title) go through a whole strict build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from scripts.attr_lists import attr_list_problems
from scripts.content import _config_loader
from scripts import output_allowlist
from scripts.output_allowlist import analyse, check_site, scan_html, url_scheme

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "good"
HAIR = "docs/en/cosmetic/hair.md"
ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'


def build(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "EXOFAQ_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                          capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def built_page(tmp_path_factory) -> str:
    """A real Material page of the fixture site, built by the strict build (gate included)."""
    from conftest import FixtureProject
    root = tmp_path_factory.mktemp("allowlist") / "site-src"
    shutil.copytree(FIXTURE, root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("HOOK_PATH", str(ROOT / "scripts" / "mkdocs_hooks.py")),
                                     encoding="utf-8")
    FixtureProject(root).stamp_all()
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return (root / "site" / "cosmetic" / "hair" / "index.html").read_text(encoding="utf-8")


def site_markdown(text: str) -> str:
    """Markdown rendered with exactly the extensions (and their settings) of mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_config_loader())
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return markdown.markdown(text, extensions=names, extension_configs=settings)


def page_with(built_page: str, content_html: str) -> str:
    assert ARTICLE_OPEN in built_page
    return built_page.replace(ARTICLE_OPEN, ARTICLE_OPEN + content_html, 1)


# (case, Markdown as an author or translator writes it, rule the gate must report or None: safe)
INJECTIONS = [
    ("raw-script", "<script>alert(1)</script>", "output-element"),
    ("raw-script-uppercase", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "output-element"),
    ("raw-img-onerror", "<img src=x onerror=alert(1)>", "output-event-handler"),
    ("raw-svg-onload", "<svg onload=alert(1)></svg>", "output-event-handler"),
    ("raw-iframe", '<iframe src="https://evil.example"></iframe>', "output-element"),
    ("raw-object", '<object data="x.swf"></object>', "output-element"),
    ("raw-form", '<form action="https://evil.example"><button>go</button></form>', "output-element"),
    ("raw-style-attribute", '<span style="background:url(https://evil.example/t.png)">x</span>', "output-attribute"),
    ("raw-style-element", "<style>body{display:none}</style>", "output-element"),
    ("raw-mixed-case-scheme", '<a HREF="JaVaScRiPt:alert(1)">x</a>', "output-url-scheme"),
    ("raw-entity-scheme", '<a href="jav&#x61;script:alert(1)">x</a>', "output-url-scheme"),
    ("raw-entity-tab-scheme", '<a href="jav&#x09;ascript:alert(1)">x</a>', "output-url-scheme"),
    ("raw-leading-space-scheme", '<a href=" &#14; javascript:alert(1)">x</a>', "output-url-scheme"),
    ("raw-meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "output-element"),
    ("raw-base", '<base href="https://evil.example/">', "output-element"),
    ("raw-math", "<math><mi>x</mi></math>", "output-element"),
    # a stray <html> tag in the body gives its attributes to the page's own <html> element
    ("raw-html-tag-attributes", '<html onmouseover="alert(1)">', "output-event-handler"),
    ("raw-svg-foreign-object", "<svg><foreignObject><p>x</p></foreignObject></svg>", "output-element"),
    ("md-in-html-onclick", '<div markdown="1" onclick="alert(1)">\n\ntext\n\n</div>', "output-event-handler"),
    ("attr-list-paragraph", 'A paragraph.\n{: onmouseover="alert(1)" }', "output-event-handler"),
    ("attr-list-heading", '## A question {#a-question onclick="alert(1)"}', "output-event-handler"),
    ("attr-list-heading-style", '## A question {: #a-question style="display:none" }', "output-attribute"),
    ("attr-list-link-href", '[x](../index.md){: href="javascript:alert(1)" }', "output-url-scheme"),
    ("attr-list-image-onload", "![x](a.png){: onload=alert(1) }", "output-event-handler"),
    ("md-link-javascript", "[x](javascript:alert(1))", "output-url-scheme"),
    ("md-link-mixed-case", "[x](JaVaScRiPt:alert(1))", "output-url-scheme"),
    ("md-link-entity", "[x](jav&#x61;script:alert(1))", "output-url-scheme"),
    ("md-link-data", "[x](data:text/html;base64,PHNjcmlwdD4=)", "output-url-scheme"),
    ("md-link-vbscript", "[x](vbscript:msgbox(1))", "output-url-scheme"),
    ("reference-link", "[x][r]\n\n[r]: javascript:alert(1)", "output-url-scheme"),
    ("reference-link-entity", "[x][r]\n\n[r]: jav&#x61;script:alert(1)", "output-url-scheme"),
    ("reference-link-mixed-case", "[x][r]\n\n[r]: JAVASCRIPT:alert(1)", "output-url-scheme"),
    ("autolink-javascript", "<javascript:alert(1)>", "output-element"),
    ("image-javascript", "![x](javascript:alert(1))", "output-url-scheme"),
    ("image-data", "![x](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E)", "output-url-scheme"),
    ("image-reference-entity", "![x][i]\n\n[i]: jav&#x61;script:alert(1)", "output-url-scheme"),
    ("raw-button-onclick", '<button type="button" onclick="alert(1)">x</button>', "output-event-handler"),
    ("raw-button-formaction", '<button formaction="javascript:alert(1)">x</button>', "output-attribute"),
    ("raw-button-type-menu", '<button type="menu">x</button>', "output-attribute"),
    # safe: what the site legitimately writes passes
    ("safe-links", "[a](https://example.org) [b](../index.md#x) <https://example.org> <mail@example.org>", None),
    ("safe-attr-list", "## Q {#q .evidence-ref}\n\nText.\n{: .note #n }", None),
    ("safe-abbr-details", '<abbr title="extracellular vesicle">EV</abbr>\n\n??? note "More"\n    text', None),
    ("safe-image", "![alt](../assets/x.png)", None),
    ("safe-table-alignment", "| a | b |\n|:-:|--:|\n| 1 | 2 |", None),
    ("glossary-abbreviation-escaped", 'EV\n\n*[EV]: "><script>alert(1)</script> <img src=x onerror=alert(1)>', None),
]


@pytest.mark.parametrize("case,source,rule", INJECTIONS, ids=[c[0] for c in INJECTIONS])
def test_injection_through_markdown_into_a_real_page(built_page, case, source, rule):
    findings = scan_html(page_with(built_page, site_markdown(source)))
    rules = {f.rule for f in findings}
    if rule is None:
        assert findings == [], findings
    else:
        assert rule in rules, (case, site_markdown(source), findings)


def test_the_real_page_passes_and_carries_a_policy(built_page):
    analysis = analyse(built_page)
    assert analysis.findings == [] and analysis.has_csp and not analysis.standalone
    assert len(analysis.inline_scripts) >= 3  # Material's own: scope, palette, hash target


def test_the_printed_handout_passes_in_the_content(built_page):
    """The QR code figure and the "Print this page" button (scripts/handout.py) as overrides/main.html
    puts them into the content: inline svg, a figure, a plain button without a handler."""
    from scripts.handout import handout
    from scripts.render import icon_svg

    made = handout({"print_qr": "Scan:", "print_page": "Print"}, "https://example.org/fixture/x/",
                   icon_svg("printer-outline"))
    assert "<button" in made.button and "<svg" in made.qr
    assert scan_html(page_with(built_page, made.qr + made.button)) == []


def test_a_theme_script_moved_into_the_content_fails(built_page):
    analysis = analyse(built_page)
    moved = f"<p><script>{analysis.inline_scripts[0]}</script></p>"
    assert "output-element" in {f.rule for f in scan_html(page_with(built_page, moved))}


@pytest.mark.parametrize("injected", [
    # a page title is written into the navigation unescaped: closing tags can hoist a script to
    # where the theme puts its own; only the theme's exact scripts pass there
    '</span></a></li></ul></nav></div></div></div><script>alert(1)</script>',
    '<nav class="md-header__inner"><script>alert(1)</script></nav>',
    '<nav class="md-header__inner"><script>__md_scope=new URL(".",location);alert(1)</script></nav>',
    '</span></a><script type="application/json" id="__config">{"search": "x.js"}</script>',
    '<script type="application/ld+json">{}</script>',
])
@pytest.mark.rule("output-script")
def test_only_the_themes_own_scripts_pass_in_the_theme_zone(built_page, injected):
    marker = '<nav class="md-nav md-nav--primary"'
    assert marker in built_page
    page = built_page.replace(marker, injected + marker, 1)
    assert "output-script" in {f.rule for f in scan_html(page)}


@pytest.mark.rule("output-script-source")
def test_a_script_from_another_site_fails_in_the_theme_zone(built_page):
    marker = '<nav class="md-nav md-nav--primary"'
    for src in ("https://evil.example/x.js", "//evil.example/x.js"):
        page = built_page.replace(marker, f'<script src="{src}"></script>' + marker, 1)
        assert "output-script-source" in {f.rule for f in scan_html(page)}, src
    same_site = built_page.replace(marker, '<script src="assets/x.js"></script>' + marker, 1)
    assert "output-script-source" not in {f.rule for f in scan_html(same_site)}


@pytest.mark.parametrize("value,scheme", [
    ("https://x", "https"), ("../a/", None), ("#top", None), ("JaVaScRiPt:x", "javascript"),
    ("java\tscript:x", "javascript"), ("\x01 javascript:x", "javascript"), ("a/b:c", None), ("//evil/x", None),
])
def test_url_scheme_reads_like_a_browser(value, scheme):
    assert url_scheme(value) == scheme


@pytest.mark.rule("output-csp-missing")
def test_standalone_documents_run_no_script_at_all():
    card = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><title>t</title></head>'
            '<body><main><h1>t</h1><script src="../x.js"></script></main></body></html>')
    assert "output-element" in {f.rule for f in scan_html(card)}
    head_script = card.replace("<title>t</title>", "<title>t</title><script src='x.js'></script>")
    assert "output-script" in {f.rule for f in scan_html(head_script)}
    assert "output-csp-missing" in {f.rule for f in scan_html(card.replace("Content-Security-Policy", "x"))}


@pytest.mark.parametrize("line,bad", [
    ('A paragraph.{: onmouseover="alert(1)" }', ["onmouseover"]),
    ('## Q {#q onclick="alert(1)"}', ["onclick"]),
    ("[x](y){: href='javascript:1' }", ["href"]),
    ("{hidden}", ["hidden"]),
    ("## Q {#q}", []), ("[a](b){ .evidence-ref }", []), ('{: #a .b class="c" }', []),
])
def test_attr_list_rule_allows_ids_and_classes_only(line, bad):
    assert attr_list_problems(line) == bad


@pytest.mark.rule("attr-list-not-allowed")
def test_attr_list_rule_names_the_file_and_line(project):
    project.replace(HAIR, "Intro text.", 'Intro text.\n{: onmouseover="alert(1)" }')
    project.replace("docs/es/cosmetic/hair.md", "{#nourish-follicles}", '{#nourish-follicles onclick="x()"}')
    found = {(p.path, p.line, p.rule) for p in project.check()}
    assert (HAIR, 19, "attr-list-not-allowed") in found
    assert ("docs/es/cosmetic/hair.md", 16, "attr-list-not-allowed") in found


def test_entity_encoded_script_link_fails_at_the_source(project):
    project.replace(HAIR, "[home](../index.md)", "[home](jav&#x61;script:alert(1))")
    assert (HAIR, 26, "html-unsafe-url") in {(p.path, p.line, p.rule) for p in project.check()}


def test_data_rendered_into_pages_is_gated_and_traced(project):
    """Some UI strings are rendered as Markdown (the sources heading): raw HTML there reaches every page.
    A translated title reaches the navigation and <title>. A source title is escaped."""
    project.replace("data/ui.yml", "  sources: Sources\n", '  sources: Sources <img src=x onerror=alert(1)>\n', 1)
    project.replace("data/sources.yml", project.read("data/sources.yml").split("title: ", 1)[1].split("\n", 1)[0],
                    '"Evil <script>alert(1)</script> title"')
    project.replace("docs/es/cosmetic/hair.md", "title: Exosomas para la caída del cabello\n",
                    'title: "<svg onload=alert(2)></svg> Exosomas"\n', 1)
    project.stamp_all()
    result = build(project.root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    ui_line = project.read("data/ui.yml").split("\n").index(
        "  sources: Sources <img src=x onerror=alert(1)>") + 1
    assert f"data/ui.yml:{ui_line}: output-event-handler: event handler onerror= on <img>" in output
    # MkDocs writes page titles into the navigation and <title> unescaped: the gate catches it on
    # the page itself and on every page whose navigation shows it, traced to the title's line
    assert "docs/es/cosmetic/hair.md:2: output-event-handler: event handler onload= on <svg:svg> " \
        "(hint: built into site/es/cosmetic/hair/index.html)" in output
    assert "docs/es/cosmetic/hair.md:2: output-event-handler: event handler onload= on <svg:svg> " \
        "(hint: built into site/es/index.html)" in output
    assert "output-element: <script>" not in output  # the source title is escaped, never markup
    html = (project.root / "site" / "cosmetic" / "hair" / "index.html").read_text(encoding="utf-8")
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt; title" in html


def test_every_file_of_a_built_fixture_passes_and_has_a_policy(project):
    result = build(project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_site(project.root / "site", None) == []
    cards = list((project.root / "site").rglob("embed/**/index.html"))
    assert cards and all("default-src 'none'" in c.read_text(encoding="utf-8") for c in cards)


SAFE_CARD = "<!doctype html><html lang=en><head><meta charset=\"utf-8\"><title>Card</title></head><body><main><p>Fine.</p></main></body></html>"
UNSAFE_CARD = SAFE_CARD.replace("<p>Fine.</p>", '<p onclick="x()">Not fine.</p><iframe src="https://a.example/"></iframe>')


def test_the_gate_gives_the_same_problems_and_policies_in_worker_processes(tmp_path):
    """check_site split over forked workers: every file checked and secured, the problems the
    same and in the same order as in one process (40 files: enough to be split)."""
    sites = {}
    for helpers in (0, 2):
        site = tmp_path / f"site{helpers}"
        for n in range(40):
            page = site / f"p{n:02d}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(UNSAFE_CARD if n % 7 == 3 else SAFE_CARD, encoding="utf-8")
        problems = check_site(site, None, add_csp=True, helpers=helpers)
        sites[helpers] = ([p.format().replace(site.name, "site") for p in problems],
                          {f.relative_to(site).as_posix(): f.read_text(encoding="utf-8") for f in site.rglob("*.html")})
    one, split = sites[0], sites[2]
    assert len(one[0]) == 2 * 6 and [line.split(":")[0] for line in one[0]] == sorted(line.split(":")[0] for line in one[0])
    assert split == one
    assert all("Content-Security-Policy" in text for text in split[1].values()) and len(split[1]) == 40


PARENT_PID = os.getpid()
REAL_GATE = output_allowlist.gate_stamped


def gate_that_dies_in_a_worker(site_dir, files, add_csp):
    if os.getpid() != PARENT_PID:
        os._exit(1)  # a worker killed (out of memory, say)
    return REAL_GATE(site_dir, files, add_csp)


def test_a_killed_worker_leaves_every_file_to_this_process(tmp_path, monkeypatch):
    monkeypatch.setattr(output_allowlist, "gate_stamped", gate_that_dies_in_a_worker)
    for n in range(40):
        page = tmp_path / "site" / f"p{n:02d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(UNSAFE_CARD if n == 5 else SAFE_CARD, encoding="utf-8")
    problems = check_site(tmp_path / "site", None, add_csp=True, helpers=1)
    assert [p.path for p in problems] == ["site/p05/index.html"] * 2
    assert all("Content-Security-Policy" in f.read_text(encoding="utf-8") for f in (tmp_path / "site").rglob("*.html"))


def test_files_gated_during_the_build_keep_their_findings_only_while_unchanged(tmp_path):
    """check_site(gated=...): a file whose bytes are the ones gated keeps the findings recorded
    then (it is not parsed again); a file written again since (the 404 pages are) is gated anew."""
    site = tmp_path / "site"
    for name in ("kept", "rewritten", "new"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(SAFE_CARD, encoding="utf-8")
    gated = output_allowlist.gate_stamped(site, ["kept/index.html", "rewritten/index.html"], add_csp=True)
    assert all(findings == [] for _, _, findings in gated)
    recorded = output_allowlist.Finding("output-element", "recorded while gated", "<p")
    gated = [(rel, stamp, [recorded] if rel == "kept/index.html" else findings) for rel, stamp, findings in gated]
    (site / "rewritten" / "index.html").write_text(UNSAFE_CARD, encoding="utf-8")  # after it was gated
    (site / "new" / "index.html").write_text(UNSAFE_CARD, encoding="utf-8")
    problems = check_site(site, None, add_csp=True, helpers=0, gated=gated)
    assert [(p.path, p.message.split(" in ")[0]) for p in problems] == [
        ("site/kept/index.html", "recorded while gated"),  # not parsed again: its recorded finding
        ("site/new/index.html", "event handler onclick= on <p>"), ("site/new/index.html", "<iframe> is not allowed"),
        ("site/rewritten/index.html", "event handler onclick= on <p>"),
        ("site/rewritten/index.html", "<iframe> is not allowed"),
    ]
    assert all("Content-Security-Policy" in f.read_text(encoding="utf-8") for f in site.rglob("*.html"))


def test_html_files_are_the_ones_rglob_finds_in_its_order(tmp_path):
    from scripts.output_allowlist import html_files

    for rel in ("index.html", "a/index.html", "a/b/c.html", "a-b/index.html", "a.b/x.html", ".hidden/x.html",
                "a/notes.txt", "Z/index.html", "embed/q/light/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)  # not followed, as rglob
    expected = [f.relative_to(tmp_path).as_posix() for f in sorted(tmp_path.rglob("*.html"))]
    assert html_files(tmp_path) == expected and "a/notes.txt" not in expected and len(expected) == 8
