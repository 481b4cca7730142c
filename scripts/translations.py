"""Translator workflow: status report, stamping a translation, starting a new language.

    python -m scripts.translations status [--lang xx]
    python -m scripts.translations stamp docs/xx/page.md [...]   (or --lang xx --all)
    python -m scripts.translations new xx
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile

from .content import Page, Project, load_project, source_hash
from .search_fold import LANGUAGE_DATA

UP_TO_DATE, OUTDATED, DRAFT, MISSING = "up to date", "outdated", "draft", "missing"
UNREADABLE = "unreadable"   # its front matter cannot be read: make check says why


@dataclass
class Status:
    lang: str
    rel: str
    state: str
    detail: str = ""


def page_status(project: Project, lang: str, rel: str) -> Status:
    english = project.english(rel)
    page = project.pages.get(lang, {}).get(rel)
    if page is None:
        return Status(lang, rel, MISSING)
    if not page.readable:
        why = next((f"line {p.line}: {p.rule}" for p in project.problems if p.path == page.path), "")
        return Status(lang, rel, UNREADABLE, f"{why}; make check shows the problem".lstrip("; "))
    meta = page.translation
    if english is not None and meta.source_hash is None:
        return Status(lang, rel, OUTDATED, f"no translation.source_hash: when it matches the English, "
                                           f"run make stamp FILE={page.path}")
    if english is not None and meta.source_hash != source_hash(english):
        return Status(lang, rel, OUTDATED, f"translated from {meta.source_hash}, English is now {source_hash(english)}")
    if not meta.reviewed:
        return Status(lang, rel, DRAFT)
    return Status(lang, rel, UP_TO_DATE)


def statuses(project: Project, langs: list[str] | None = None) -> list[Status]:
    english = sorted(project.pages.get(project.default_language, {}))
    targets = langs or project.languages[1:]
    return [page_status(project, lang, rel) for lang in targets for rel in english]


def report(project: Project, langs: list[str] | None = None) -> str:
    lines = []
    rows = statuses(project, langs)
    for lang in langs or project.languages[1:]:
        mine = [s for s in rows if s.lang == lang]
        counts = {state: sum(s.state == state for s in mine) for state in (UP_TO_DATE, OUTDATED, DRAFT, MISSING)}
        unreadable = sum(s.state == UNREADABLE for s in mine)
        lines.append(f"== {lang}: " + ", ".join(f"{n} {state}" for state, n in counts.items())
                     + (f", {unreadable} {UNREADABLE}" if unreadable else "") + f" (of {len(mine)} pages)")
        for status in mine:
            extra = f"  ({status.detail})" if status.detail else ""
            lines.append(f"  {status.state:<10}  docs/{lang}/{status.rel}{extra}")
    return "\n".join(lines)


FRONT_RE = re.compile(r"\A---\n(.*?\n)(?:---|\.\.\.)\n", re.S)
HASH_RE = re.compile(r"^(\s+source_hash:\s*)['\"]?[0-9a-zA-Z]*['\"]?\s*$", re.M)


STAMPED = ": stamped "   # in the message of a page that was stamped (any other message: nothing written)


def stamp(project: Project, path: Path) -> str:
    """Write the current English hash into one translation; return a message."""
    try:
        parts = path.resolve().relative_to(project.root.resolve()).parts
    except ValueError:   # outside the project
        parts = ()
    if len(parts) < 3 or parts[0] != "docs" or parts[1] == project.default_language or path.suffix != ".md":
        return f"{path}: not a translation under docs/<lang>/"
    if not path.is_file():
        return f"{path}: no such page"
    rel = Path(*parts[2:]).as_posix()
    english = project.english(rel)
    if english is None:
        return f"{path}: no English page docs/{project.default_language}/{rel}"
    text = path.read_text(encoding="utf-8")
    new_hash = source_hash(english)
    match = FRONT_RE.match(text)
    if not match:
        return f"{path}: no front matter to stamp"
    front = match.group(1)
    if HASH_RE.search(front):
        front = HASH_RE.sub(lambda m: f"{m.group(1)}\"{new_hash}\"", front, count=1)
    elif re.search(r"^translation:\s*$", front, re.M):
        front = re.sub(r"^translation:\s*$", f"translation:\n  source_hash: \"{new_hash}\"", front, count=1, flags=re.M)
    else:
        front += f"translation:\n  source_hash: \"{new_hash}\"\n  status: draft\n"
    path.write_text("---\n" + front + text[match.end() - 4:], encoding="utf-8")
    return f"{path}{STAMPED}{new_hash}"


def start_language(project: Project, lang: str) -> list[str]:
    """Copy every English page into docs/<lang>/ as a draft to translate."""
    created = []
    for rel, english in sorted(project.pages.get(project.default_language, {}).items()):
        target = project.root / "docs" / lang / rel
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        front = ["---", f"title: {_quote(english.meta.get('title', ''))}",
                 f"description: {_quote(english.meta.get('description', ''))}",
                 "translation:", f"  source_hash: \"{source_hash(english)}\"", "  status: draft", "---"]
        target.write_text("\n".join(front) + "\n" + english.body.lstrip("\n"), encoding="utf-8")
        created.append(str(target.relative_to(project.root)))
    return created




def add_language_data(project: Project, lang: str) -> bool:
    """Give a new language its entry in data/languages.yml, with the default language's search
    probe (its pages start as copies of the English ones); False if it has one already."""
    path = project.root / LANGUAGE_DATA
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    data = yamlfile.safe_load(text) or {}
    if lang in data:
        return False
    probe = (data.get(project.default_language) or {}).get("search_probe", "")
    entry = (f"{lang}:\n  search_probe: {_quote(probe)}  # change to a word of the translation\n"
             "  accent_folding: false  # true if the language is written with accents (see the top)\n"
             "  search_common: []  # the start of the word for exosome in this language (see the top)\n")
    path.write_text(text + ("" if text.endswith("\n") or not text else "\n") + entry, encoding="utf-8")
    return True


def _quote(value: object) -> str:
    text = str(value).replace('"', '\\"')
    return f'"{text}"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=".")
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("status", help="per-language status of every page")
    st.add_argument("--lang", action="append")
    sp = sub.add_parser("stamp", help="record the current English hash in translations")
    sp.add_argument("paths", nargs="*", type=Path)
    sp.add_argument("--lang", help="stamp every page of this language")
    nw = sub.add_parser("new", help="start a new language from the English pages")
    nw.add_argument("lang")
    args = parser.parse_args(argv)
    project = load_project(args.root)
    if args.command == "status":
        print(report(project, args.lang))
        return 0
    if args.command == "stamp":
        paths = list(args.paths)
        if args.lang:
            paths += sorted((project.root / "docs" / args.lang).rglob("*.md"))
        if not paths:
            parser.error("say what to stamp: make stamp FILE=docs/<lang>/<page>.md (one page) "
                         "or make stamp LANG_CODE=<lang> (every page of a language)")
        messages = [stamp(project, path) for path in paths]
        print("\n".join(messages))
        return 0 if all(STAMPED in message for message in messages) else 1
    if not re.fullmatch(r"[a-z]{2}(-[A-Za-z]{2,4})?", args.lang):
        parser.error("language code like 'fr' or 'pt-BR'")
    if args.lang == project.default_language:
        parser.error(f"'{args.lang}' is the source language: translations are made from it")
    created = start_language(project, args.lang)
    print(f"created {len(created)} page(s) in docs/{args.lang}/ (status: draft)")
    if add_language_data(project, args.lang):
        print(f"added '{args.lang}' to {LANGUAGE_DATA} (search_probe)")
    if args.lang in project.languages:
        print(f"'{args.lang}' is already a language of the site: only its missing pages were added")
    else:
        print(f"next: add '{args.lang}' to the i18n languages in mkdocs.yml (theme: {{direction: rtl}} for a "
              "right-to-left language) and its strings to data/evidence.yml and data/ui.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
