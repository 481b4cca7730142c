"""Source rule: one work, one key. The same DOI, PMID, NCT number or URL under two keys of
data/sources.yml is an error (`source-identifier-duplicate`), after normalising case, a trailing
slash and resolver prefixes (https://doi.org/..., PubMed and ClinicalTrials.gov addresses)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from .content import Project
from .report import Problem

# resolver addresses that name an identifier: prefix (lower case) -> identifier kind
RESOLVERS = {
    "https://doi.org/": "doi", "http://doi.org/": "doi", "https://dx.doi.org/": "doi",
    "http://dx.doi.org/": "doi", "doi:": "doi",
    "https://pubmed.ncbi.nlm.nih.gov/": "pmid", "https://www.ncbi.nlm.nih.gov/pubmed/": "pmid",
    "https://clinicaltrials.gov/study/": "nct", "https://clinicaltrials.gov/ct2/show/": "nct",
    "https://www.clinicaltrials.gov/study/": "nct", "https://www.clinicaltrials.gov/ct2/show/": "nct",
}
FIELDS = ("doi", "pmid", "nct", "url")


def identity(field: str, value: Any) -> tuple[str, str] | None:
    """(kind, normalised value) of one identifier field."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip().lower()
    for prefix, kind in RESOLVERS.items():
        if text.startswith(prefix):
            field, text = kind, text[len(prefix):]
            break
    text = text.split("#", 1)[0].rstrip("/") if field == "url" else text.rstrip("/")
    if field == "url":
        text = text.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    if field == "pmid":
        text = text.split("?", 1)[0].lstrip("0")
    if field == "nct":
        text = text.split("?", 1)[0]
    return (field, text) if text else None


def check_duplicate_sources(project: Project, today: dt.date) -> Iterator[Problem]:
    data = project.sources
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for key, entry in data.data.items():
        if not isinstance(entry, dict):
            continue
        for field in FIELDS:
            ident = identity(field, entry.get(field))
            if ident is None:
                continue
            if ident in first and first[ident][0] != key:
                other, other_field = first[ident]
                yield Problem(data.path, data.line(key, field), "source-identifier-duplicate",
                              f"{field} {str(entry[field]).strip()} of '{key}' is already the {other_field} of "
                              f"'{other}' (line {data.line(other, other_field)})",
                              f"cite '{other}' and delete '{key}', or correct the identifier")
            first.setdefault(ident, (key, field))
