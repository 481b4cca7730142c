"""The compiled schema check (fastjsonschema) only ever spares jsonschema: for the real content and
for many broken variants of it, it calls data valid exactly when jsonschema finds no problem."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest

from scripts import yamlfile
from scripts.content import load_project
from scripts.schemas import as_draft7, known_valid, validator

ROOT = Path(__file__).resolve().parent.parent
DATA_SCHEMAS = {"evidence.yml": "evidence.schema.json", "ui.yml": "ui.schema.json",
                "verdicts.yml": "verdicts.schema.json", "claims.yml": "claims.schema.json",
                "readability.yml": "readability.schema.json", "languages.yml": "languages.schema.json",
                "sources.yml": "sources.schema.json"}
ODD_VALUES = (None, 0, 1.5, True, "", "x", [], ["x"], {}, {"x": 1}, "2026-13-45", "Not An Id")


def variants(data, depth: int = 0):
    """The data itself, then one change at a time: each value replaced by odd ones, each key
    removed, an unknown key added; the same inside nested mappings (two levels)."""
    yield data
    if not isinstance(data, dict) or depth > 2:
        return
    yield {**data, "unknown-key": "x"}
    for key, value in list(data.items())[:12]:
        yield {k: v for k, v in data.items() if k != key}
        for odd in ODD_VALUES:
            yield {**data, key: odd}
        for inner in variants(value, depth + 1):
            if inner is not value:
                yield {**data, key: inner}
        if isinstance(value, list) and value:
            for odd in ODD_VALUES[:5]:
                yield {**data, key: [odd, *value[1:]]}


def real_content():
    project = load_project(ROOT)
    for page in list(project.pages[project.default_language].values())[:12]:
        yield "page.schema.json", page.meta
    for lang in project.languages:
        if lang != project.default_language:
            for page in list(project.pages.get(lang, {}).values())[:3]:
                yield "translation.schema.json", page.meta
    for file, schema in DATA_SCHEMAS.items():
        data = yamlfile.load((ROOT / "data" / file).read_text(encoding="utf-8")).data  # as the checker reads it
        entries = list(data.items()) if isinstance(data, dict) else []
        if len(entries) <= 12:
            yield schema, data
        else:  # variants() changes the first 12 entries: every entry of a long file is among them once
            for start in range(0, len(entries), 12):
                yield schema, dict(entries[start:start + 12])


def test_the_page_schemas_compile():
    """Without a compiled check the checker is correct but several times slower (make bench), and
    loads jsonschema (0.1 s) for valid content too."""
    for name in ("page.schema.json", "translation.schema.json", "evidence.schema.json", "ui.schema.json",
                 "sources.schema.json"):
        assert known_valid(name) is not None, f"{name} no longer compiles with fastjsonschema"


@pytest.mark.parametrize("schema,data", list(real_content()), ids=lambda v: v if isinstance(v, str) else "")
def test_compiled_check_agrees_with_jsonschema(schema, data):
    fast = known_valid(schema)
    if fast is None:
        pytest.fail(f"{schema}: no compiled check")
    checked = 0
    for variant in itertools.islice(variants(copy.deepcopy(data)), 600):
        valid = not any(True for _ in validator(schema).iter_errors(variant))
        checked += 1
        assert fast(variant) == valid, (f"{schema}: fastjsonschema says {'valid' if fast(variant) else 'invalid'}, "
                                        f"jsonschema {'valid' if valid else 'invalid'}: {str(variant)[:300]}")
    assert checked > 1


def test_later_keywords_are_renamed_for_fastjsonschema_or_refused():
    """A 2020-12 keyword fastjsonschema would silently ignore either gets its draft-7 twin, or the
    schema gets no compiled check at all (jsonschema alone, never a wrong "valid")."""
    schema = {"properties": {"dependentRequired": {"type": "string"}}, "dependentRequired": {"url": ["accessed"]},
              "enum": [{"prefixItems": 1}]}
    assert as_draft7(schema) == {"properties": {"dependentRequired": {"type": "string"}},
                                 "dependencies": {"url": ["accessed"]}, "enum": [{"prefixItems": 1}]}
    for refused in ({"items": {"prefixItems": [{"type": "string"}]}},
                    {"dependentRequired": {"a": ["b"]}, "dependencies": {"c": ["d"]}}):
        with pytest.raises(ValueError):
            as_draft7(refused)
