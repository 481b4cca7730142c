"""scripts/source_check.py offline: recorded Crossref, E-utilities, ClinicalTrials.gov and web
answers (tests/fixtures/source_check/) replayed by a local HTTP server; the base addresses
point there. Covers a retracted paper, corrections and concerns, a moved URL, a dead one, a
host that refuses robots, a changed trial status, titles and years that differ."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from scripts import source_check
from scripts.source_check import Client, Config, check_sources, report

RECORDED = Path(__file__).parent / "fixtures" / "source_check"


class Replay(BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def answer(self, status: int, body: bytes = b"", kind: str = "application/json", location: str | None = None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = unquote(urlsplit(self.path).path)
        Replay.requests.append(self.path)
        api, _, rest = path.lstrip("/").partition("/")
        if api == "crossref" and rest.startswith("works/"):
            file = RECORDED / "crossref" / (rest[len("works/"):].replace("/", "_") + ".json")
            return self.answer(200, file.read_bytes()) if file.is_file() else self.answer(404, b"Resource not found.", "text/plain")
        if api == "eutils" and rest == "esummary.fcgi":
            return self.answer(200, (RECORDED / "eutils.json").read_bytes())
        if api == "ctgov" and rest.startswith("studies/"):
            file = RECORDED / "ctgov" / (rest[len("studies/"):] + ".json")
            return self.answer(200, file.read_bytes()) if file.is_file() else self.answer(404, b"{}")
        if api == "web":
            routes = yaml.safe_load((RECORDED / "web.yml").read_text(encoding="utf-8"))
            route = routes.get(rest, {"status": 404})
            return self.answer(route["status"], b"<!doctype html><title>x</title>", "text/html", route.get("location"))
        return self.answer(404, b"{}")


@pytest.fixture(scope="module")
def findings():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    config = Config(crossref=f"{base}/crossref", eutils=f"{base}/eutils", ctgov=f"{base}/ctgov",
                    web=f"{base}/web/", pause=0)
    try:
        sources = yaml.safe_load((RECORDED / "sources.yml").read_text(encoding="utf-8"))
        yield check_sources(sources, Client(config))
    finally:
        server.shutdown()
        server.server_close()


def of(findings, key, check=None):
    return [(f.severity, f.message) for f in findings if f.key == key and (check is None or f.check == check)]


def test_retracted_paper_needs_attention_from_crossref_and_pubmed(findings):
    doi = of(findings, "retracted2019-paper", "doi")
    assert [s for s, _ in doi] == ["attention"] and "retracted" in doi[0][1] and "10.1000/notice.1" in doi[0][1]
    pmid = of(findings, "retracted2019-paper", "pmid")
    assert [s for s, _ in pmid] == ["attention"] and "Retracted Publication" in pmid[0][1]


def test_a_cited_retraction_notice_is_reported(findings):
    assert any(s == "attention" and "cite the original work" in m for s, m in of(findings, "notice2023-retraction"))


def test_correction_and_expression_of_concern(findings):
    assert of(findings, "corrected2021-paper") == [("review", of(findings, "corrected2021-paper")[0][1])]
    assert "corrected" in of(findings, "corrected2021-paper")[0][1]
    concern = of(findings, "concern2022-paper")
    assert concern[0][0] == "attention" and "expression of concern" in concern[0][1]


def test_year_differs_and_unknown_doi(findings):
    assert of(findings, "year2019-paper") == [("review", "year differs: registry has 2018, sources.yml 2019")]
    assert of(findings, "unknown2020-doi") == [("attention", "DOI 10.1000/missing.1 is not known to Crossref")]


def test_matching_titles_pass_despite_markup_case_and_punctuation(findings):
    assert {s for s, _ in of(findings, "good2020-review")} == {"ok"}


def test_trial_status_change_and_unchanged(findings):
    assert of(findings, "trial-status-changed") == [("attention", "trial status changed: RECRUITING -> UNKNOWN")]
    assert {s for s, _ in of(findings, "trial-status-same")} == {"ok"}


def test_moved_dead_blocked_and_good_links(findings):
    moved = of(findings, "agency-moved")
    assert moved == [("review", "moved: https://www.example.gov/old-notice now leads to "
                                "https://www.example.gov/new-notice; update url and accessed")]
    assert of(findings, "agency-dead") == [("attention", "dead link: https://www.example.org/gone answered 404")]
    assert of(findings, "agency-blocked")[0][0] == "unreachable"
    assert {s for s, _ in of(findings, "agency-ok")} == {"ok"}


def test_pubmed_is_asked_once_for_every_pmid(findings):
    asked = [r for r in Replay.requests if r.startswith("/eutils/")]
    assert len(asked) == 1 and "11111111%2C22222222" in asked[0]


def test_report_is_markdown_with_every_finding(findings):
    text = report(findings, "tests/fixtures/source_check/sources.yml", __import__("datetime").date(2026, 11, 29))
    assert text.startswith("# Source check 2026-11-29")
    assert "## Needs attention" in text and "## To review" in text and "## Could not be checked" in text
    for key in ("retracted2019-paper", "trial-status-changed", "agency-moved", "agency-dead"):
        assert f"`{key}`" in text
    assert source_check.needs_attention(findings)


def test_unreachable_api_is_reported_not_raised():
    config = Config(crossref="http://127.0.0.1:9", eutils="http://127.0.0.1:9", ctgov="http://127.0.0.1:9",
                    web="http://127.0.0.1:9/", pause=0)
    sources = yaml.safe_load((RECORDED / "sources.yml").read_text(encoding="utf-8"))
    found = check_sources({k: sources[k] for k in ("good2020-review", "trial-status-same", "agency-ok")}, Client(config))
    assert found and {f.severity for f in found} == {"unreachable"}
    assert not source_check.needs_attention(found)


def test_command_line_writes_the_report(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "sources.yml"
    bad.write_text("- not a mapping\n", encoding="utf-8")
    assert source_check.main(["--sources", str(bad), "--report", str(tmp_path / "r.md")]) == 2
    assert "must be a mapping" in capsys.readouterr().out
    monkeypatch.setenv("SOURCE_CHECK_CROSSREF", "http://127.0.0.1:9")
    monkeypatch.setenv("SOURCE_CHECK_EUTILS", "http://127.0.0.1:9")
    good = tmp_path / "one.yml"
    good.write_text(json.dumps({"a-source": {"type": "review", "title": "t", "pmid": "1"}}), encoding="utf-8")
    assert source_check.main(["--sources", str(good), "--report", str(tmp_path / "r.md")]) == 0
    assert "could not be checked" in (tmp_path / "r.md").read_text(encoding="utf-8")
