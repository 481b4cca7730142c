"""faq.json per language (valid against its schema, every question), embed cards (small,
script-free, self-contained) and JSON-LD that matches the page."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from conftest import ROOT, SITE, lang_prefix, page_url, project, soup
from scripts.outputs import palette
from scripts.urls import page_path

LANGS = project().languages
THEMES = {"auto": "", "light": "light/", "dark": "dark/"}  # folder of each variant below the card
SCHEMA = json.loads((ROOT / "schemas" / "faq.schema.json").read_text(encoding="utf-8"))


def english_questions():
    p = project()
    return [(rel, q.id) for rel, page in sorted(p.pages[p.default_language].items())
            if not page.is_info for q in page.questions]


@pytest.mark.parametrize("lang", LANGS)
def test_faq_json_validates_and_lists_every_question(lang):
    data = json.loads((SITE / lang_prefix(lang) / "faq.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["language"] == lang
    listed = [(q["page"] + ".md", q["id"]) for q in data["questions"]]
    assert listed == english_questions()
    from scripts.verdicts import verdicts
    labels, verdict_ids = project().evidence.data, verdicts(project())
    assert data["version"] == "1.2" and data["disclaimer"] and data["license"]["terms"]
    p = project()
    for q in data["questions"]:   # the schema leaves strength and verdict ids to data
        assert (q["evidence"] is None) == (q["kind"] == "practical") == (q["verdict"] is None)
        assert q["evidence"] is None or (q["evidence"]["id"] in labels and q["verdict"]["id"] in verdict_ids)
        assert q["evidence"] == q["strength"]   # version 1 name of the strength
        assert q["permalink"].endswith(f"/{lang_prefix(lang)}{page_path(q['page'] + '.md')}#{q['id']}")
        # the state readers see in the page's banner, read from the translation's front matter
        translated = p.pages.get(lang, {}).get(q["page"] + ".md")
        meta = (translated.meta.get("translation") or {}) if translated and lang != p.default_language else {}
        if lang == p.default_language:
            expected = "original"
        elif translated is None:
            expected = "not-translated"
        elif str(meta.get("source_hash")) != q["translation"]["english_source"]:
            expected = "outdated"
        else:
            expected = "reviewed" if meta.get("status") == "reviewed" else "draft"
        assert q["translation"]["status"] == expected, q["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_embed_cards_are_small_script_free_and_self_contained(lang):
    disclaimer = project().ui_strings(lang)["disclaimer_title"]
    for rel, qid, theme in [(r, q, t) for r, q in english_questions() for t in THEMES]:
        card_file = SITE / lang_prefix(lang) / "embed" / page_path(rel) / qid / THEMES[theme] / "index.html"
        raw = card_file.read_bytes()
        assert len(raw) < 10 * 1024, f"{card_file} is {len(raw)} bytes"
        card = soup(str(card_file.relative_to(SITE)))
        assert not card.find("script"), card_file
        assert not card.find(attrs={"src": True}) and not card.find("link", rel="stylesheet")
        assert card.html["lang"] == lang and card.html["class"] == [theme]
        assert card.get_text().count(disclaimer) == 1, f"{card_file}: the not-medical-advice note, once"
        assert card.select_one("h1").get_text(strip=True)
        assert card.select_one(".badge strong").get_text(strip=True)
        # the badge's colours (verdict or practical kind) come from data, written into the card's own style
        label = card.select_one(".badge")["class"][1]
        light = palette(project())[label]["colors"]["light"]
        assert f".{label}{{color:{light['fg']};background:{light['bg']}}}" in card.style.string
        assert card.select_one("time[datetime]")
        link = card.select_one('a[target="_top"]')
        assert link["href"].endswith(f"#{qid}")
        target = (card_file.parent / link["href"].split("#")[0] / "index.html").resolve()
        assert target.is_file(), f"{card_file}: full answer link {link['href']} is broken"
        assert qid in {el.get("id") for el in soup(str(target.relative_to(SITE.resolve()))).find_all(id=True)}


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_matches_the_questions_on_the_page(lang):
    p = project()
    for rel, english in sorted(p.pages[p.default_language].items()):
        if english.is_info:
            continue
        html = soup(page_url(lang, rel))
        blocks = [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]
        assert len(blocks) == 1
        graph = {node["@type"]: node for node in blocks[0]["@graph"]}
        assert graph["MedicalWebPage"]["lastReviewed"] == english.meta["reviewed"]
        questions = graph["FAQPage"]["mainEntity"]
        on_page = [h for h in html.select("article h2[id]") if h["id"] != "sources"]
        assert [q["@id"].rsplit("#", 1)[1] for q in questions] == [h["id"] for h in on_page]
        for q, heading in zip(questions, on_page):
            assert q["name"] == re.sub(r"\s+", " ", heading.get_text(" ", strip=True).rstrip("¶")).strip()
            assert q["acceptedAnswer"]["text"]
        assert html.find("link", rel="canonical")
        assert html.find("meta", property="og:description")["content"] == html.find("meta", attrs={"name": "description"})["content"]


def test_card_theme_is_chosen_by_its_address_without_script(site_browser):
    """auto follows the visitor's system; light/ and dark/ ignore it (a clinic's choice)."""
    browser, base = site_browser
    rel, qid = english_questions()[0]
    card = f"embed/{page_path(rel)}{qid}/"
    seen = {}
    for system in ("light", "dark"):
        page = browser.new_page(color_scheme=system)
        for theme, folder in THEMES.items():
            page.goto(f"{base}{card}{folder}")
            seen[system, theme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.close()
    white, dark = "rgb(255, 255, 255)", "rgb(13, 17, 23)"
    assert seen == {("light", "auto"): white, ("dark", "auto"): dark, ("light", "light"): white,
                    ("dark", "light"): white, ("light", "dark"): dark, ("dark", "dark"): dark}


@pytest.mark.parametrize("lang", LANGS)
def test_for_clinics_page_has_meaningful_anchors_and_copy_buttons(lang):
    html = soup(page_url(lang, "for-clinics.md"))
    ids = [h["id"] for h in html.select("article :is(h1, h2, h3, h4)[id]")]
    assert ids and not [i for i in ids if re.fullmatch(r"_\d+", i)], ids
    english = soup(page_url(project().default_language, "for-clinics.md"))
    assert ids == [h["id"] for h in english.select("article :is(h1, h2, h3, h4)[id]")]  # same in every language
    config = json.loads(html.select_one("script#__config").string)
    assert "content.code.copy" in config["features"]
    assert html.select("pre > code.language-html") and html.select("pre > code.language-text")


V1_FIELDS = {"id", "page", "page_title", "question", "answer_summary", "evidence", "permalink", "embed_url",
             "reviewed", "review_due", "sources"}


@pytest.mark.parametrize("lang", LANGS)
def test_faq_json_keeps_version_1_fields_and_adds_verdict_and_strength(lang):
    from scripts.verdicts import grade_of, opening
    p = project()
    data = json.loads((SITE / lang_prefix(lang) / "faq.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.2"
    for q in data["questions"]:
        assert V1_FIELDS <= set(q)
        grade = grade_of(p, p.english(q["page"] + ".md").meta["claims"][q["id"]])
        assert q["kind"] == grade.kind
        if grade.practical:
            assert q["verdict"] is None and q["strength"] is None and q["evidence"] is None
        else:
            assert q["verdict"]["id"] == grade.verdict and q["strength"]["id"] == grade.strength
            assert q["evidence"] == q["strength"]   # v1 clients keep reading the strength as before
            assert q["answer_summary"].startswith(opening(p, grade.verdict, lang))


def test_claims_we_checked_shows_the_verdict_on_the_adverts_words():
    from scripts.verdicts import registry
    p = project()
    for lang in LANGS:
        html = soup(page_url(lang, "claims-we-checked.md"))
        rows = html.select("table.claims-checked tbody tr[id]")
        assert len(rows) == len(registry(p).data)
        for key, entry in registry(p).data.items():
            row = html.select_one(f"tr#claim-{key}")
            assert row is not None, (lang, key)
            assert f"evidence-badge--{entry['verdict']}" in row.select_one("a.evidence-badge")["class"]
    # a true statement in an advert shows as true, however our question is worded
    english = soup(page_url("en", "claims-we-checked.md"))
    assert "evidence-badge--yes-true" in english.select_one("tr#claim-evidence-limited a.evidence-badge")["class"]
