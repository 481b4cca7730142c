"""Duplicate sources: the same DOI, PMID, NCT or URL under two keys fails, after normalising."""

from __future__ import annotations

import pytest

from scripts.source_identity import identity

SOURCES = "data/sources.yml"
EXTRA = ("twin:\n  type: review\n  title: The same work again\n  year: 2024\n  {field}: {value}\n"
         "{accessed}")


@pytest.mark.parametrize("field,value", [
    ("doi", "10.1000/FIXTURE.1"),                 # case
    ("doi", "https://doi.org/10.1000/fixture.1"),  # resolver prefix (rejected by the schema too)
    ("pmid", '"12345678"'),                        # string vs integer
    ("nct", "NCT01234567"),
    ("url", "https://www.example.gov/notice/"),    # trailing slash
    ("url", "https://WWW.Example.gov/Notice"),     # case
    ("url", "https://doi.org/10.1000/fixture.1"),  # a DOI written as a resolver address
    ("url", "https://pubmed.ncbi.nlm.nih.gov/12345678/"),
    ("url", "https://clinicaltrials.gov/study/NCT01234567"),
])
@pytest.mark.rule("source-identifier-duplicate")
def test_same_identifier_under_two_keys_fails(project, field, value):
    accessed = "  accessed: 2026-01-10\n" if field == "url" else ""
    project.write(SOURCES, project.read(SOURCES) + "\n" + EXTRA.format(field=field, value=value, accessed=accessed))
    lines = project.read(SOURCES).split("\n")
    line = len(lines) - lines[::-1].index(f"  {field}: {value}")
    found = [p for p in project.check() if p.rule == "source-identifier-duplicate"]
    assert [(p.path, p.line) for p in found] == [(SOURCES, line)], [p.format() for p in found]
    assert "already the" in found[0].message


def test_different_identifiers_pass(project):
    project.write(SOURCES, project.read(SOURCES) + "\n" + EXTRA.format(
        field="doi", value="10.1000/fixture.2", accessed=""))
    assert not [p for p in project.check() if p.rule == "source-identifier-duplicate"]


@pytest.mark.parametrize("field,value,expected", [
    ("doi", "10.1/AB", ("doi", "10.1/ab")), ("doi", "doi:10.1/ab", ("doi", "10.1/ab")),
    ("pmid", 123, ("pmid", "123")), ("url", "https://x.org/a/#frag", ("url", "x.org/a")),
    ("url", "https://dx.doi.org/10.1/AB", ("doi", "10.1/ab")), ("doi", None, None),
])
def test_identity_normalises(field, value, expected):
    assert identity(field, value) == expected
