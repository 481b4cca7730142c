"""Online source check: every source of data/sources.yml resolved again, now.

    python -m scripts.source_check                  # make sources-online; writes source-check.md
    python -m scripts.source_check --report out.md --sources data/sources.yml

- DOI: Crossref metadata (api.crossref.org/works/<doi>): title and year against sources.yml;
  retractions, withdrawals, corrections and expressions of concern from Crossref's update
  relations (``updated-by`` on the work, ``update-to`` when the DOI is itself a notice).
- PMID: NCBI E-utilities esummary (one request for all): title, year, and the publication
  types "Retracted Publication", "Retraction of Publication", "Expression of Concern".
- NCT: ClinicalTrials.gov API v2 (/studies/<nct>): title, and the overall status against the
  `status` recorded in sources.yml (reported as a change), or shown when none is recorded.
- URL: fetched without following redirects by itself, so a moved page (3xx to another
  address) and a dead one (404/410) are told apart from a host that refuses robots (403, 429).

Base addresses are configurable (SOURCE_CHECK_CROSSREF, SOURCE_CHECK_EUTILS, SOURCE_CHECK_CTGOV,
SOURCE_CHECK_WEB; the tests replay recorded answers from a local server through them). The
report is Markdown; the exit code is 0 when nothing needs attention, 1 when something does, 2
when the sources file cannot be read. It never touches the site build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import html
import os
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urljoin, urlsplit

import requests
import yaml

from . import yamlfile

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = {
    "crossref": "https://api.crossref.org",
    "eutils": "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
    "ctgov": "https://clinicaltrials.gov/api/v2",
    "web": "",  # empty: fetch URLs as they are; else https://host/path -> <web>host/path
}
USER_AGENT = "exosome-faq-source-check/1.0"  # + (mailto:SOURCE_CHECK_MAILTO) for Crossref's polite pool
TIMEOUT = 30
TITLE_SIMILARITY = 0.9      # below this, a title is reported as different
MAX_REDIRECTS = 5

# Crossref update types -> how the report names them (and how serious they are)
UPDATE_KINDS = {
    "retraction": ("retracted", "attention"), "partial_retraction": ("partly retracted", "attention"),
    "withdrawal": ("withdrawn", "attention"), "removal": ("removed", "attention"),
    "expression_of_concern": ("expression of concern", "attention"),
    "correction": ("corrected", "review"), "corrigendum": ("corrected", "review"),
    "erratum": ("corrected", "review"), "addendum": ("addendum", "review"),
    "clarification": ("clarified", "review"), "new_version": ("new version", "review"),
}
PUBMED_TYPES = {
    "retracted publication": ("retracted", "attention"),
    "retraction of publication": ("is a retraction notice", "attention"),
    "expression of concern": ("expression of concern", "attention"),
    "published erratum": ("is an erratum notice", "review"),
}
SEVERITY_ORDER = ("attention", "review", "unreachable", "ok")


@dataclass
class Finding:
    key: str
    check: str          # doi, pmid, nct, url
    severity: str       # attention | review | unreachable | ok
    message: str


@dataclass
class Config:
    crossref: str = DEFAULTS["crossref"]
    eutils: str = DEFAULTS["eutils"]
    ctgov: str = DEFAULTS["ctgov"]
    web: str = DEFAULTS["web"]
    pause: float = 0.2      # between requests to one API (be polite)

    @classmethod
    def from_env(cls) -> "Config":
        return cls(**{name: os.environ.get(f"SOURCE_CHECK_{name.upper()}", value)
                      for name, value in DEFAULTS.items()})


# --- comparing ---------------------------------------------------------------------------------

def normal_title(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", text or ""))  # Crossref titles carry <i>, <sup>
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def same_title(ours: str, theirs: str) -> bool:
    a, b = normal_title(ours), normal_title(theirs)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY


def compare(key: str, check: str, entry: dict[str, Any], title: str | None, year: int | None) -> list[Finding]:
    found = []
    if title and entry.get("title") and not same_title(str(entry["title"]), title):
        found.append(Finding(key, check, "review", f"title differs: registry has \"{title.strip()}\""))
    if year and isinstance(entry.get("year"), int) and entry["year"] != year:
        found.append(Finding(key, check, "review", f"year differs: registry has {year}, sources.yml {entry['year']}"))
    return found


# --- fetching ----------------------------------------------------------------------------------

class Client:
    def __init__(self, config: Config, session: requests.Session | None = None):
        self.config = config
        self.session = session or requests.Session()
        mailto = os.environ.get("SOURCE_CHECK_MAILTO")
        self.session.headers["User-Agent"] = USER_AGENT + (f" (mailto:{mailto})" if mailto else "")
        self.last: dict[str, float] = {}

    def get(self, api: str, url: str, **kwargs) -> requests.Response:
        wait = self.last.get(api, 0) + self.config.pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return self.session.get(url, timeout=TIMEOUT, **kwargs)
        finally:
            self.last[api] = time.monotonic()

    def web_address(self, url: str) -> str:
        if not self.config.web:
            return url
        parts = urlsplit(url)
        return f"{self.config.web.rstrip('/')}/{parts.netloc}{parts.path or '/'}" + \
            (f"?{parts.query}" if parts.query else "")


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def check_doi(client: Client, key: str, entry: dict[str, Any]) -> list[Finding]:
    doi = str(entry["doi"])
    url = f"{client.config.crossref.rstrip('/')}/works/{quote(doi, safe='/')}"
    try:
        response = client.get("crossref", url)
    except requests.RequestException as exc:
        return [Finding(key, "doi", "unreachable", f"Crossref did not answer for {doi}: {type(exc).__name__}")]
    if response.status_code == 404:
        return [Finding(key, "doi", "attention", f"DOI {doi} is not known to Crossref")]
    message = (_json(response) or {}).get("message") if response.ok else None
    if not isinstance(message, dict):
        return [Finding(key, "doi", "unreachable", f"Crossref answered {response.status_code} for {doi}")]
    title = (message.get("title") or [""])[0]
    parts = ((message.get("issued") or {}).get("date-parts") or [[None]])[0]
    year = parts[0] if parts and isinstance(parts[0], int) else None
    found = compare(key, "doi", entry, title, year)
    for relation, role in (("updated-by", "updated by"), ("update-to", "is a notice about")):
        for update in message.get(relation) or []:
            kind = str(update.get("type", "")).lower()
            label, severity = UPDATE_KINDS.get(kind, (kind.replace("_", " ") or "updated", "review"))
            other = update.get("DOI", "?")
            if relation == "updated-by":
                found.append(Finding(key, "doi", severity, f"{label}: Crossref lists the notice "
                                                           f"https://doi.org/{other} ({kind.replace('_', ' ')})"))
            else:
                found.append(Finding(key, "doi", severity, f"this DOI {role} https://doi.org/{other} "
                                                           f"({kind.replace('_', ' ')}): cite the original work"))
    if re.match(r"^\s*(retracted|withdrawn)\b", title, re.I) and not any(f.severity == "attention" for f in found):
        found.append(Finding(key, "doi", "attention", f"Crossref title marks it: \"{title.strip()}\""))
    return found or [Finding(key, "doi", "ok", f"{doi}: title and year match")]


def check_pmids(client: Client, entries: dict[str, dict[str, Any]]) -> list[Finding]:
    wanted = {str(e["pmid"]): key for key, e in entries.items() if "pmid" in e}
    if not wanted:
        return []
    url = f"{client.config.eutils.rstrip('/')}/esummary.fcgi"
    params = {"db": "pubmed", "id": ",".join(sorted(wanted)), "retmode": "json"}
    try:
        response = client.get("eutils", url, params=params)
        result = (_json(response) or {}).get("result") if response.ok else None
    except requests.RequestException as exc:
        result, response = None, None
        failure = type(exc).__name__
    else:
        failure = f"answered {response.status_code}"
    if not isinstance(result, dict):
        return [Finding(key, "pmid", "unreachable", f"NCBI E-utilities {failure}") for key in wanted.values()]
    found = []
    for pmid, key in sorted(wanted.items(), key=lambda item: item[1]):
        record = result.get(pmid)
        if not isinstance(record, dict) or record.get("error"):
            found.append(Finding(key, "pmid", "attention", f"PMID {pmid} is not known to PubMed"))
            continue
        year_match = re.match(r"(\d{4})", str(record.get("pubdate") or record.get("epubdate") or ""))
        mine = compare(key, "pmid", entries[key], record.get("title"), int(year_match.group(1)) if year_match else None)
        for kind in record.get("pubtype") or []:
            if kind.lower() in PUBMED_TYPES:
                label, severity = PUBMED_TYPES[kind.lower()]
                mine.append(Finding(key, "pmid", severity, f"{label}: PubMed publication type \"{kind}\""))
        found += mine or [Finding(key, "pmid", "ok", f"PMID {pmid}: title and year match")]
    return found


def check_nct(client: Client, key: str, entry: dict[str, Any]) -> list[Finding]:
    nct = str(entry["nct"])
    url = f"{client.config.ctgov.rstrip('/')}/studies/{nct}"
    try:
        response = client.get("ctgov", url, params={"format": "json"})
    except requests.RequestException as exc:
        return [Finding(key, "nct", "unreachable", f"ClinicalTrials.gov did not answer for {nct}: {type(exc).__name__}")]
    if response.status_code == 404:
        return [Finding(key, "nct", "attention", f"{nct} is not known to ClinicalTrials.gov")]
    study = _json(response) if response.ok else None
    protocol = (study or {}).get("protocolSection") if isinstance(study, dict) else None
    if not isinstance(protocol, dict):
        return [Finding(key, "nct", "unreachable", f"ClinicalTrials.gov answered {response.status_code} for {nct}")]
    ident = protocol.get("identificationModule") or {}
    status = (protocol.get("statusModule") or {}).get("overallStatus")
    titles = [t for t in (ident.get("officialTitle"), ident.get("briefTitle")) if t]
    found = []
    if entry.get("title") and titles and not any(same_title(str(entry["title"]), t) for t in titles):
        found.append(Finding(key, "nct", "review", f"title differs: registry has \"{titles[0]}\""))
    expected = entry.get("status")
    if expected and status and status != expected:
        found.append(Finding(key, "nct", "attention", f"trial status changed: {expected} -> {status}"))
    elif not expected and status:
        found.append(Finding(key, "nct", "review", f"trial status is {status} (record it as status: {status})"))
    return found or [Finding(key, "nct", "ok", f"{nct}: title matches, status {status}")]


def check_url(client: Client, key: str, entry: dict[str, Any]) -> list[Finding]:
    start = url = str(entry["url"])
    for _ in range(MAX_REDIRECTS + 1):
        try:
            response = client.get("web", client.web_address(url), allow_redirects=False)
        except requests.RequestException as exc:
            return [Finding(key, "url", "unreachable", f"{url} did not answer: {type(exc).__name__}")]
        if response.is_redirect or response.status_code in (301, 302, 303, 307, 308):
            location = response.headers.get("Location")
            if not location:
                return [Finding(key, "url", "unreachable", f"{url} answered {response.status_code} without a Location")]
            url = urljoin(url, location)
            continue
        break
    else:
        return [Finding(key, "url", "attention", f"{start} redirects more than {MAX_REDIRECTS} times")]
    status = response.status_code
    moved = url.rstrip("/") != start.rstrip("/")
    if status in (404, 410):
        where = f" (after a redirect to {url})" if moved else ""
        return [Finding(key, "url", "attention", f"dead link: {start} answered {status}{where}")]
    if status >= 400:
        return [Finding(key, "url", "unreachable", f"{url} answered {status} (a host that refuses robots? check by hand)")]
    if moved:
        return [Finding(key, "url", "review", f"moved: {start} now leads to {url}; update url and accessed")]
    return [Finding(key, "url", "ok", f"{start} answered {status}")]


def check_sources(sources: dict[str, Any], client: Client, progress: Callable[[str], None] = lambda s: None) -> list[Finding]:
    entries = {k: v for k, v in sources.items() if isinstance(v, dict)}
    found = check_pmids(client, entries)
    for key, entry in entries.items():
        progress(key)
        if entry.get("doi"):
            found += check_doi(client, key, entry)
        if entry.get("nct"):
            found += check_nct(client, key, entry)
        if entry.get("url"):
            found += check_url(client, key, entry)
    order = {name: i for i, name in enumerate(SEVERITY_ORDER)}
    return sorted(found, key=lambda f: (order.get(f.severity, 9), f.key, f.check))


# --- the report --------------------------------------------------------------------------------

HEADINGS = {
    "attention": "Needs attention (retracted, withdrawn, concern, changed trial status, dead or unknown)",
    "review": "To review (corrections, moved links, titles or years that differ)",
    "unreachable": "Could not be checked automatically (check by hand)",
}


def report(findings: list[Finding], sources_path: str, today: dt.date) -> str:
    keys = {f.key for f in findings}
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    lines = [f"# Source check {today.isoformat()}", "",
             f"{len(keys)} sources of `{sources_path}` checked online: "
             f"{counts['attention']} need attention, {counts['review']} to review, "
             f"{counts['unreachable']} could not be checked, {counts['ok']} checks passed.", ""]
    for severity, heading in HEADINGS.items():
        chosen = [f for f in findings if f.severity == severity]
        if not chosen:
            continue
        lines += [f"## {heading}", "", "| source | check | finding |", "|---|---|---|"]
        lines += [f"| `{f.key}` | {f.check} | {f.message.replace('|', '&#124;')} |" for f in chosen]
        lines.append("")
    passed = sorted({f.key for f in findings if f.severity == "ok"} - {f.key for f in findings if f.severity != "ok"})
    if passed:
        lines += ["## Passed", "", ", ".join(f"`{k}`" for k in passed), ""]
    lines += ["Made by `make sources-online` (scripts/source_check.py). A finding is a prompt to re-read the "
              "source, not a verdict: fix data/sources.yml and the pages that cite it, then re-run.", ""]
    return "\n".join(lines)


def needs_attention(findings: list[Finding]) -> bool:
    return any(f.severity in ("attention", "review") for f in findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.source_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources.yml")
    parser.add_argument("--report", type=Path, default=Path("source-check.md"))
    parser.add_argument("--only", nargs="*", metavar="KEY", help="check only these source keys")
    args = parser.parse_args(argv)
    try:
        sources = yamlfile.safe_load(args.sources.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        print(f"{args.sources}:1: source-check: cannot read the sources: {exc}")
        return 2
    if not isinstance(sources, dict):
        print(f"{args.sources}:1: source-check: the file must be a mapping of keys to entries")
        return 2
    if args.only:
        sources = {k: v for k, v in sources.items() if k in args.only}
    client = Client(Config.from_env())
    findings = check_sources(sources, client, lambda key: print(f"checking {key}", file=sys.stderr))
    text = report(findings, str(args.sources.relative_to(ROOT) if args.sources.is_relative_to(ROOT) else args.sources),
                  dt.date.today())
    args.report.write_text(text, encoding="utf-8")
    for f in findings:
        if f.severity != "ok":
            print(f"{args.sources}: {f.key}: {f.check}: {f.severity}: {f.message}")
    print(f"source check: report written to {args.report}", file=sys.stderr)
    return 1 if needs_attention(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
