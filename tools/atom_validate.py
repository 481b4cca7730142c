"""Validity requirements of an Atom feed (RFC 4287), checked with the standard XML parser.

    python -m tools.atom_validate site/feed.xml [site/es/feed.xml ...]

Checks what RFC 4287 requires (section 4.1.1: feed id, title, updated, author unless every entry
has one, at most one alternate link per type and hreflang; 4.1.2: entry id, title, updated, an
alternate link when there is no content; 3.3: dates are RFC 3339; 4.2.6: ids are absolute IRIs)
plus what the site promises: a rel="self" link and a summary in every entry, unique entry ids.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _one(parent: ET.Element, name: str, where: str, problems: list[str]) -> ET.Element | None:
    found = parent.findall(ATOM + name)
    if len(found) != 1:
        problems.append(f"{where}: needs exactly one <{name}>, has {len(found)}")
        return None
    return found[0]


def _iri(element: ET.Element | None, where: str, problems: list[str]) -> str:
    value = (element.text or "").strip() if element is not None else ""
    if element is not None and not urlsplit(value).scheme:
        problems.append(f"{where}: <id> {value!r} is not an absolute IRI")
    return value


def _date(element: ET.Element | None, where: str, problems: list[str]) -> None:
    if element is not None and not RFC3339.match((element.text or "").strip()):
        problems.append(f"{where}: <{element.tag[len(ATOM):]}> {element.text!r} is not an RFC 3339 date-time")


def _links(parent: ET.Element, where: str, problems: list[str]) -> dict[str, list[ET.Element]]:
    by_rel: dict[str, list[ET.Element]] = {}
    for link in parent.findall(ATOM + "link"):
        if not link.get("href"):
            problems.append(f"{where}: <link> without href")
        by_rel.setdefault(link.get("rel", "alternate"), []).append(link)
    pairs = Counter((l.get("type"), l.get("hreflang")) for l in by_rel.get("alternate", []))
    if any(n > 1 for n in pairs.values()):
        problems.append(f"{where}: more than one alternate link with the same type and hreflang")
    return by_rel


def atom_problems(text: str | bytes) -> list[str]:
    """Every validity problem of one feed document (empty: valid)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != ATOM + "feed":
        return [f"root element is {root.tag}, not an Atom <feed>"]
    problems: list[str] = []
    _iri(_one(root, "id", "feed", problems), "feed", problems)
    _one(root, "title", "feed", problems)
    _date(_one(root, "updated", "feed", problems), "feed", problems)
    links = _links(root, "feed", problems)
    if len(links.get("self", [])) != 1:
        problems.append("feed: needs one <link rel=\"self\">")
    entries = root.findall(ATOM + "entry")
    if not root.findall(ATOM + "author") and not all(e.findall(ATOM + "author") for e in entries):
        problems.append("feed: no <author> on the feed or on every entry")
    ids = []
    for index, entry in enumerate(entries, 1):
        where = f"entry {index}"
        ids.append(_iri(_one(entry, "id", where, problems), where, problems))
        _one(entry, "title", where, problems)
        _date(_one(entry, "updated", where, problems), where, problems)
        summary = _one(entry, "summary", where, problems)
        if summary is not None and not (summary.text or "").strip():
            problems.append(f"{where}: empty <summary>")
        if not entry.findall(ATOM + "content") and not _links(entry, where, problems).get("alternate"):
            problems.append(f"{where}: no <content> and no alternate link")
    problems += [f"entry id {i!r} is used more than once" for i, n in Counter(ids).items() if n > 1]
    return problems


def main(argv: list[str] | None = None) -> int:
    failed = 0
    for path in argv if argv is not None else sys.argv[1:]:
        with open(path, "rb") as handle:
            problems = atom_problems(handle.read())
        for problem in problems:
            print(f"{path}: not valid Atom: {problem}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
