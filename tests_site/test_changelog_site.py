"""The evidence changelog as readers and feed readers get it: a valid Atom feed per language
linked from every page's head, the What changed page in every language, the 'label changed'
note under an answer for a year, and the history in faq.json."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import SITE, all_pages, lang_prefix, page_url, project, soup
from tools.atom_validate import atom_problems

LANGS = project().languages
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def faq(lang: str) -> dict:
    return json.loads((SITE / lang_prefix(lang) / "faq.json").read_text(encoding="utf-8"))


def build_day() -> dt.date:
    """The build's `today` (EXOFAQ_TODAY or the clock when it was built), as faq.json records it."""
    return dt.date.fromisoformat(faq(project().default_language)["generated"])


def site_url() -> str:
    return faq(project().default_language)["site"].rstrip("/") + "/"


def changelog():
    from scripts.changelog import newest_first
    return [e for e in newest_first(project()) if e.date <= build_day()]


@pytest.mark.parametrize("lang", LANGS)
def test_feed_is_valid_atom_with_every_entry_newest_first(lang):
    text = (SITE / lang_prefix(lang) / "feed.xml").read_bytes()
    assert atom_problems(text) == []
    root = ET.fromstring(text)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert root.find("a:link[@rel='self']", ATOM).get("href") == f"{site_url()}{lang_prefix(lang)}feed.xml"
    entries = root.findall("a:entry", ATOM)
    expected = changelog()
    assert [e.findtext("a:id", namespaces=ATOM).rsplit("#", 1)[1] for e in entries] == [e.id for e in expected]
    assert [e.findtext("a:title", namespaces=ATOM) for e in entries] == [e.text("title", lang) for e in expected]
    page = f"{site_url()}{lang_prefix(lang)}what-changed/"
    assert all(e.find("a:link", ATOM).get("href").startswith(page + "#") for e in entries)


@pytest.mark.parametrize("lang,rel", all_pages())
def test_every_page_links_its_language_feed(lang, rel):
    links = soup(page_url(lang, rel)).select('head link[rel="alternate"][type="application/atom+xml"]')
    assert [l["href"] for l in links] == [f"{site_url()}{lang_prefix(lang)}feed.xml"]
    assert links[0]["title"] == project().ui_strings(lang)["feed_title"]


@pytest.mark.parametrize("lang", LANGS)
def test_what_changed_page_lists_entries_newest_first_with_localized_grades(lang):
    page = soup(page_url(lang, "what-changed.md"))
    assert page.html["lang"] == lang
    entries = changelog()
    assert [h["id"] for h in page.select("article h2[id]")] == [e.id for e in entries]
    ui = project().ui_strings(lang)
    for entry in entries:
        heading = page.select_one(f"h2#{entry.id}")
        assert heading.get_text(strip=True).startswith(entry.text("title", lang))
        date = heading.find_next("time")
        assert date["datetime"] == entry.date.isoformat()
        changes = heading.find_next("ul", class_="changelog-changes").find_all("li", recursive=False)
        assert len(changes) == len(entry.changes)
        for item, change in zip(changes, entry.changes):
            link = item.find("a")
            if change.after is not None:
                assert link["href"].endswith(f"#{change.question}")
            badges = item.select("a.evidence-badge")
            assert len(badges) == (change.before is not None) + (change.after is not None)
            label = ui["change_added"] if change.before is None else ui["change_before"]
            assert label in item.get_text()
    assert page.select_one(f'p.changelog-feed a[href="../feed.xml"]')


@pytest.mark.parametrize("lang", LANGS)
def test_label_changed_note_for_a_year_after_a_change(lang):
    from scripts.changelog import recent_change
    p, day = project(), build_day()
    expected, found = set(), set()
    for rel, english in p.pages[p.default_language].items():
        if english.is_info:
            continue
        page = soup(page_url(lang, rel))
        notes = {}
        for heading in page.select("article h2[id]"):
            for sibling in heading.find_next_siblings():
                if sibling.name == "h2":
                    break
                if sibling.name == "p" and "label-changed" in sibling.get("class", []):
                    notes[heading["id"]] = sibling
        for qid in english.claims:
            entry = recent_change(p, rel, qid, day)
            note = notes.get(qid)
            if note is not None:
                found.add((rel, qid))
                assert entry is not None and note.a["href"].endswith(f"what-changed/#{entry.id}")
                assert note.time["datetime"] == entry.date.isoformat()
                before_date = p.ui_strings(lang)["label_changed"].split("{date}")[0].strip()
                assert note.get_text().strip().startswith(before_date)
            if entry is not None:
                expected.add((rel, qid))
    assert found == expected
    if day < dt.date(2027, 11, 29):  # the knee osteoarthritis change of 2026-11-29 still shows
        assert ("medical/osteoarthritis.md", "treat-osteoarthritis") in found


@pytest.mark.parametrize("lang", LANGS)
def test_faq_json_history_ends_at_each_answers_grade(lang):
    from scripts.changelog import current_grades
    grades = current_grades(project())
    for q in faq(lang)["questions"]:
        history = q["history"]
        assert history, q["id"]
        assert history[0]["from"] is None
        assert all(a["to"] == b["from"] for a, b in zip(history, history[1:]))
        assert history[-1]["to"]["grade"] == grades[(q["page"] + ".md", q["id"])]
        assert [h["date"] for h in history] == sorted(h["date"] for h in history)
        assert all(h["url"].startswith(f"{site_url()}{lang_prefix(lang)}what-changed/#") for h in history)
