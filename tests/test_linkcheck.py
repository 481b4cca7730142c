"""tools/linkcheck.py over a tiny built site: its own ids (built-*), not the checker's."""

from __future__ import annotations

import pytest

from tools import linkcheck


def tiny_site(tmp_path, index: str):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(index, encoding="utf-8")
    (site / "a" / "index.html").write_text('<!doctype html><title>a</title><h2 id="here">x</h2>', encoding="utf-8")
    return site


@pytest.mark.rule("built-anchor-broken")
def test_missing_fragment_in_built_html_fails(tmp_path):
    site = tiny_site(tmp_path, '<!doctype html><title>i</title><a href="a/#here">ok</a> <a href="a/#gone">bad</a>')
    checked, problems = linkcheck.check_anchors(site, "/")
    assert checked == 2
    assert problems == ["site/index.html: built-anchor-broken: a/#gone: no element with id 'gone'"]


@pytest.mark.slow
@pytest.mark.rule("built-link-broken")
def test_broken_link_in_built_html_fails(tmp_path, capsys):
    site = tiny_site(tmp_path, '<!doctype html><title>i</title><a href="a/">ok</a> <a href="missing/">bad</a>')
    assert linkcheck.run(site) == 1
    out = capsys.readouterr().out
    assert "site/: built-link-broken:" in out and "missing/" in out
    (site / "index.html").write_text('<!doctype html><title>i</title><a href="a/#here">ok</a>', encoding="utf-8")
    assert linkcheck.run(site) == 0


@pytest.mark.rule("built-site-missing")
def test_no_built_site_fails(tmp_path, capsys):
    assert linkcheck.run(tmp_path) == 1
    assert f"{tmp_path}/index.html: built-site-missing: no built site" in capsys.readouterr().out
