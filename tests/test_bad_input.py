"""Bad input of any kind gives `path:line: rule-id: message`, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

HAIR = "docs/en/cosmetic/hair.md"


def run_cli(project):
    return subprocess.run([sys.executable, "-m", "scripts.check", str(project.root), "--today", "2026-06-01"],
                          cwd=ROOT, capture_output=True, text=True)


BAD_FILES = [
    ("non-utf8", HAIR, b"---\ntitle: caf\xe9\n---\n# x\n", "file-encoding"),
    ("empty", HAIR, b"", "file-empty"),
    ("whitespace-only", "data/sources.yml", b"  \n\n", "file-empty"),
    ("binary", "data/evidence.yml", b"\x89PNG\r\n\x1a\n\x00\x00", "file-encoding"),
    ("broken-yaml-data", "data/sources.yml", b"a: [1, 2\nb: c\n", "yaml-syntax"),
    ("list-instead-of-mapping", "data/sources.yml", b"- a\n- b\n", "schema"),
    ("scalar-front-matter", HAIR, b"---\njust text\n---\n# x\n", "schema"),
    ("unterminated-front-matter", HAIR, b"---\ntitle: x\n# x\n", "front-matter-missing"),
    ("tabs-in-yaml", HAIR, b"---\ntitle: x\n\tdescription: y\n---\n# x\n", "yaml-syntax"),
    ("wrong-types-everywhere", "data/evidence.yml", b"early-human: 5\npreclinical: [1]\n", "schema"),
    ("deeply-nested", HAIR, b"---\ntitle: " + b"[" * 2000 + b"\n---\n", "yaml-syntax"),
    ("self-referring-alias", HAIR, b"---\ntitle: &t [x, *t]\n---\n# x\n", "yaml-syntax"),
    ("alias-bomb", "data/sources.yml",
     b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
         b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((c, c) + (c - 1,) * 9)
         for c in range(ord("b"), ord("l"))), "yaml-syntax"),
]


@pytest.mark.parametrize("case", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_is_reported_not_raised(project, case):
    _, rel, content, rule = case
    project.path(rel).write_bytes(content)
    result = run_cli(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert any(line.startswith(f"{rel}:") and f": {rule}: " in line for line in result.stdout.splitlines()), result.stdout


@pytest.mark.rule("file-missing")
@pytest.mark.parametrize("rel", ["data/sources.yml", "data/evidence.yml", "data/ui.yml", "mkdocs.yml"])
def test_missing_file_is_reported(project, rel):
    project.path(rel).unlink()
    result = run_cli(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{rel}:1: file-missing:" in result.stdout


def test_output_format_and_exit_codes(project):
    ok = run_cli(project)
    assert ok.returncode == 0 and ok.stdout == ""
    project.replace(HAIR, "Intro text.", "<script>x</script>")
    project.replace("data/sources.yml", "NCT01234567", "NCT1")
    bad = run_cli(project)
    assert bad.returncode == 1
    lines = bad.stdout.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        path, number, rule, message = line.split(":", 3)
        assert number.isdigit() and rule.strip() and message.strip()


@pytest.mark.rule("language-not-configured")
def test_language_folder_not_configured(project):
    project.write("docs/xx/index.md", "---\ntitle: x\ndescription: y\n---\n# x\n")
    hits = [p for p in project.check() if p.rule == "language-not-configured"]
    assert [(p.path, p.line) for p in hits] == [("docs/xx", 1)]


@pytest.mark.rule("file-unreadable")
def test_unreadable_file_is_reported(project):
    project.path("data/sources.yml").unlink()
    project.path("data/sources.yml").mkdir()  # a folder where the file should be
    result = run_cli(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/sources.yml:1: file-unreadable: cannot read file:" in result.stdout


def test_mkdocs_yml_is_read_with_mkdocs_loader_safely(project, monkeypatch):
    """!ENV is resolved as MkDocs does; a !!python tag is never run (it reads as None)."""
    project.replace("mkdocs.yml", "site_url: https://example.org/fixture/",
                    'site_url: !ENV [FIXTURE_URL, "https://example.org/fixture/"]\n'
                    "markdown_extensions_extra: !!python/object/apply:os.system [echo pwned > pwned.txt]")
    from scripts.content import load_languages
    default, languages, rtl, problems = load_languages(project.root)
    assert (default, languages, problems) == ("en", ["en", "es"], [])
    assert not (project.root / "pwned.txt").exists() and not (ROOT / "pwned.txt").exists()
    assert project.check() == []


ODD_VALUES = {"a mapping": {"x": 1}, "a list": ["x"], "a number": 7, "nothing": None}


def _value_paths(data, prefix=()):
    """Every path to a value in parsed YAML, parents before children."""
    yield prefix
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _value_paths(value, prefix + (key,))


def _with_value(data, path, value):
    import copy
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


# a page's front matter and the data files whose values the rules look up by name
ODD_VALUE_FILES = [HAIR, "docs/es/cosmetic/hair.md", "data/claims.yml", "data/verdicts.yml", "data/evidence.yml",
                   "data/changelog.yml", "data/readability.yml", "data/ui.yml", "data/terms.yml", "mkdocs.yml"]


@pytest.mark.parametrize("rel", ODD_VALUE_FILES)
def test_a_value_of_the_wrong_type_anywhere_is_a_problem_not_a_crash(project, rel):
    """Each value of the file (the top-level ones and 60 deeper ones, spread over it) replaced in turn by a mapping, a list,
    a number and nothing: the checker reports problems and never fails inside a rule."""
    import yaml

    original = project.read(rel)
    front = original.startswith("---\n")
    end = original.index("\n---\n", 4) if front else 0
    data = yaml.safe_load(original[4:end] if front else original)
    paths = list(_value_paths(data))   # the file and its top-level keys, and at most 60 deeper values
    deeper = [path for path in paths if len(path) > 1]
    paths = [path for path in paths if len(path) <= 1] + deeper[:: max(1, len(deeper) // 60)]
    crashes = []
    for path in paths:
        for label, value in ODD_VALUES.items():
            text = yaml.safe_dump(_with_value(data, path, value), allow_unicode=True, sort_keys=False)
            project.write(rel, f"---\n{text}---{original[end + 4:]}" if front else text)
            crashes += [f"{'/'.join(map(str, path))} = {label}: {p.format()}"
                        for p in project.check() if p.rule == "internal-error"]
    project.write(rel, original)
    assert len(paths) > 5 and not crashes, "\n".join(crashes)


@pytest.mark.parametrize("key,value,message", [
    ("sentence_max_words: 30", "sentence_max_words: {max: 30}", "sentence_max_words"),
    ("formula: flesch_kincaid_grade", "formula: flesch", "formula"),
    ("enforce: []", "enforce: [sentence_words]", "sentence_words"),
])
def test_readability_targets_that_cannot_be_measured_against_are_reported(project, key, value, message):
    assert project.check() == []
    project.replace("data/readability.yml", key, value)
    problems = [p for p in project.check() if p.path == "data/readability.yml"]
    line = next(number for number, text in enumerate(project.read("data/readability.yml").split("\n"), 1)
                if value in text)
    assert [(p.rule, p.line) for p in problems] == [("schema", line)] and message in problems[0].message
    assert not [p for p in project.check() if p.rule == "internal-error"]


def test_lock_refuses_while_an_english_page_cannot_be_read(project, monkeypatch, capsys):
    """make lock records every question and grade of the English pages: with one page unreadable,
    it would drop that page's grades from grades.lock.yml; it says why and writes nothing."""
    from scripts.permalinks import main

    locks = ("permalinks.lock.yml", "grades.lock.yml")
    before = {name: project.read(name) for name in locks}
    project.write(HAIR, "---\ntitle: [unclosed\n---\n# x\n")
    monkeypatch.chdir(project.root)
    assert main(["lock"]) == 1
    out = capsys.readouterr().out
    assert f"{HAIR}:3: yaml-syntax:" in out and "nothing locked: 1 English page(s) cannot be read" in out
    assert {name: project.read(name) for name in locks} == before


@pytest.mark.parametrize("targets,expected", [
    ("languages: [1\n", "data/readability.yml:2: yaml-syntax:"),
    ("languages:\n  en:\n    formula: nope\n", "data/readability.yml:3: schema: languages en formula: 'nope' is not one of:"),
])
def test_make_readability_reports_targets_it_cannot_use(project, capsys, targets, expected):
    from scripts.readability import main

    project.write("data/readability.yml", targets)
    assert main([str(project.root)]) == 1
    assert capsys.readouterr().out.startswith(expected)


@pytest.mark.parametrize("text,expected", [
    ("en:\n  search_probe: hair\n  search_common: [exosome]\n", []),
    ("en:\n  search_probe: hair\n  accent_folding: sometimes\n", [("schema", 3)]),
    ("en:\n  search_common: exosome\n", [("schema", 2)]),
    ("- en\n- es\n", [("schema", 1)]),
    ("en: [unclosed\n", [("yaml-syntax", 2)]),
])
def test_the_search_tuning_file_is_checked_before_the_build_reads_it(project, text, expected):
    """data/languages.yml is read after the build (scripts/search_fold.py): the check reports a
    broken one first, so the build stops with its line instead of failing at the end."""
    assert not project.path("data/languages.yml").exists() and project.check() == []
    project.write("data/languages.yml", text)
    found = [(p.rule, p.line) for p in project.check() if p.path == "data/languages.yml"]
    assert found == expected
