"""Values kept between builds (scripts/derived_cache.py): worked out once, read back by the next
build, worked out again when the code changed, the file is damaged or a value has the wrong
shape; nothing kept with EXOFAQ_CACHE=off; two processes' values merged."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from scripts.derived_cache import CACHE_DIR, DerivedCache, code_digest, derived_cache, save_all
from scripts.handout import QR_CODE_VERSION, is_qr_svg, qr_svg
from scripts.outputs import _two_heights

TODAY = dt.date(2026, 6, 1)


def stored(key: str) -> str:
    """A key as the file holds it (a digest: a key may be a whole text)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def counted(calls: list, value):
    def work_out():
        calls.append(value)
        return value
    return work_out


def is_text(value) -> bool:
    return isinstance(value, str) and value.startswith("ok")


def test_a_value_is_worked_out_once_and_read_back_by_the_next_build(tmp_path):
    calls: list = []
    first = DerivedCache(tmp_path, "thing", "v1", is_text)
    assert first.get("a", counted(calls, "ok-a")) == "ok-a"
    assert first.get("a", counted(calls, "ok-a")) == "ok-a"
    first.save()
    second = DerivedCache(tmp_path, "thing", "v1", is_text)
    assert second.get("a", counted(calls, "ok-other")) == "ok-a"
    assert calls == ["ok-a"]
    assert (tmp_path / CACHE_DIR / "thing-v1.json").is_file()


def test_changed_code_starts_a_new_file(tmp_path):
    old = DerivedCache(tmp_path, "thing", code_digest("code 1"), is_text)
    old.get("a", lambda: "ok-old")
    old.save()
    new = DerivedCache(tmp_path, "thing", code_digest("code 2"), is_text)
    assert new.get("a", lambda: "ok-new") == "ok-new"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", json.dumps({stored("a"): "<script>alert(1)</script>"}),
                                     json.dumps({stored("a"): 5})])
def test_a_damaged_file_or_value_is_worked_out_again(tmp_path, content):
    path = tmp_path / CACHE_DIR / "thing-v1.json"
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    cache = DerivedCache(tmp_path, "thing", "v1", is_text)
    assert cache.get("a", lambda: "ok-a") == "ok-a"
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))[stored("a")] == "ok-a"


def test_nothing_is_read_or_written_when_turned_off(tmp_path, monkeypatch):
    kept = DerivedCache(tmp_path, "thing", "v1", is_text)
    kept.get("a", lambda: "ok-kept")
    kept.save()
    monkeypatch.setenv("EXOFAQ_CACHE", "off")
    off = DerivedCache(tmp_path, "thing", "v1", is_text)
    assert off.get("a", lambda: "ok-fresh") == "ok-fresh"
    off.get("b", lambda: "ok-b")
    off.save()
    assert set(json.loads((tmp_path / CACHE_DIR / "thing-v1.json").read_text(encoding="utf-8"))) == {stored("a")}


def test_two_processes_values_are_merged(tmp_path):
    build, worker = (DerivedCache(tmp_path, "thing", "v1", is_text) for _ in range(2))
    build.get("a", lambda: "ok-a")
    worker.get("b", lambda: "ok-b")
    worker.save()
    build.save()
    assert json.loads((tmp_path / CACHE_DIR / "thing-v1.json").read_text(encoding="utf-8")) == {stored("a"): "ok-a",
                                                                                       stored("b"): "ok-b"}


def test_save_all_writes_every_cache_of_a_project(tmp_path):
    store: dict = {"other": 1}
    derived_cache(store, tmp_path, "one", "v1", is_text).get("a", lambda: "ok-1")
    derived_cache(store, tmp_path, "two", "v1", is_text).get("a", lambda: "ok-2")
    save_all(store)
    assert sorted(p.name for p in (tmp_path / CACHE_DIR).iterdir()) == ["one-v1.json", "two-v1.json"]


def test_the_shapes_accept_what_the_functions_return_and_nothing_else():
    assert is_qr_svg(qr_svg("https://example.org/es/page/"))
    assert not is_qr_svg(qr_svg("https://example.org/").replace("<path", '<path onload="alert(1)"'))
    assert not is_qr_svg('<svg class="handout-qr__code"><script>alert(1)</script></svg>')
    assert _two_heights([420, 240]) and not _two_heights([420]) and not _two_heights(["420", 240])
    assert not _two_heights([420, True]) and not _two_heights([0, 240])


def test_a_page_uses_a_kept_qr_code_only_when_it_has_the_shape_of_one(project):
    from scripts.content import load_project
    from scripts.page_markdown import page_markdown

    url = "https://example.org/fixture/es/cosmetic/hair/"
    kept = qr_svg("https://example.org/another/address/")  # a real code, for another address
    path = project.root / CACHE_DIR / f"qr-{QR_CODE_VERSION}.json"
    path.parent.mkdir(parents=True, exist_ok=True)

    def handout_of(value):
        path.write_text(json.dumps({stored(url): value}), encoding="utf-8")
        loaded = load_project(project.root)
        markdown = (project.root / "docs/es/cosmetic/hair.md").read_text(encoding="utf-8").split("---\n", 2)[2]
        made = page_markdown(loaded, "es", "cosmetic/hair.md", "es/cosmetic/hair/", "es", markdown, TODAY,
                             "https://example.org/fixture/", "")
        return made.handout.qr

    assert kept in handout_of(kept)  # read back (it has the shape of a code)
    damaged = handout_of('<svg class="handout-qr__code"><script>alert(1)</script></svg>')
    assert "<script" not in damaged and qr_svg(url) in damaged


def test_the_check_finds_the_same_problems_with_readability_scores_kept_or_not(project, monkeypatch):
    """Readability scores are kept between runs (scripts/readability.py kept_score): a second
    check reads them back and reports exactly what the first one did; a kept value that is not a
    score is worked out again."""
    from scripts import readability
    from scripts.checker import check

    hard = ("Intra-articular administration of mesenchymal stromal cell-derived extracellular vesicles "
            "demonstrated statistically indistinguishable radiographic progression characteristics. ") * 3
    project.replace("docs/en/cosmetic/hair.md", "Only in mice [@mouse2020-hair].", f"Only in mice [@mouse2020-hair]. {hard}")
    kept = project.root / CACHE_DIR / f"readability-{readability._scores_version()}.json"

    def checked():
        readability._MEASURES.clear()  # what one process keeps (make serve): here, each check is a new run
        return check(project.root, TODAY)[1]

    cold = checked()
    assert kept.is_file() and any(p.rule == "readability-grade" for p in cold)
    assert checked() == cold
    kept.write_text(json.dumps({key: "easy" for key in json.loads(kept.read_text(encoding="utf-8"))}), encoding="utf-8")
    assert checked() == cold
    assert all(type(v) is float for v in json.loads(kept.read_text(encoding="utf-8")).values())  # worked out again
    monkeypatch.setenv("EXOFAQ_CACHE", "off")
    kept.unlink()
    assert checked() == cold and not kept.exists()
