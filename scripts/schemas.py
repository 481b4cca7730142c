"""The JSON Schemas of schemas/, loaded once, and the vocabulary they declare: source types
(sources.schema.json `$defs.source_type`) and topics (page.schema.json). One schema can $ref
another by its file name.

jsonschema is imported only when data fails the compiled check (`known_valid`), to word its
problems: valid content never loads it (0.1 s of every build and `make check`)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import jsonschema
    from referencing import Registry

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@lru_cache(maxsize=None)
def _schemas() -> Registry:
    """Every schema of schemas/ under its $id, so one can $ref another (source types live once,
    in sources.schema.json)."""
    from referencing import Registry, Resource

    return Registry().with_resources((uri, Resource.from_contents(schema)) for uri, schema in _schema_by_id().items())


@lru_cache(maxsize=None)
def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(name: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(_schema(name), registry=_schemas())


@lru_cache(maxsize=None)
def _schema_by_id() -> dict[str, Any]:
    """Every schema of schemas/ by its $id, each file read once (`_schema`)."""
    return {schema["$id"]: schema for schema in (_schema(p.name) for p in sorted(SCHEMA_DIR.glob("*.schema.json")))}


# fastjsonschema knows drafts 4, 6 and 7; the schemas are 2020-12. A keyword with a draft-7 twin is
# renamed for it; any other later keyword means no compiled check (it would ignore the keyword
# and call data valid that jsonschema refuses).
DRAFT7_TWINS = {"dependentRequired": "dependencies", "dependentSchemas": "dependencies"}
NO_DRAFT7_TWIN = frozenset({"prefixItems", "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains",
                            "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"})
SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
LITERALS = frozenset({"enum", "const", "default", "examples", "description", "title", "$comment"})


def as_draft7(node: Any) -> Any:
    """A 2020-12 schema as fastjsonschema reads it; ValueError for a keyword it cannot check."""
    if isinstance(node, list):
        return [as_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in NO_DRAFT7_TWIN:
            raise ValueError(f"{key} has no draft-7 form")
        name = DRAFT7_TWINS.get(key, key)
        if name in out:
            raise ValueError(f"{key}: {name} is there already")
        if key in LITERALS:
            out[name] = value
        elif key in SCHEMA_MAPS and isinstance(value, dict):
            out[name] = {prop: as_draft7(sub) for prop, sub in value.items()}
        else:
            out[name] = as_draft7(value)
    return out


@lru_cache(maxsize=None)
def known_valid(name: str) -> Callable[[Any], bool] | None:
    """A compiled check (fastjsonschema) that answers True only for data the schema accepts; most
    data is valid, so this spares jsonschema, which then words the problems of the rest. None when
    the schema does not compile (for example a pattern Python's re cannot read once fastjsonschema
    turns each unescaped `$` into `\\Z`, even inside [...]; write `\\$` there): jsonschema alone.
    tests/test_schemas_fast.py keeps the two in agreement."""
    try:
        import fastjsonschema

        compiled = fastjsonschema.compile(as_draft7(_schema(name)),
                                          handlers={"https": lambda uri: as_draft7(_schema_by_id()[uri.split("#")[0]])},
                                          use_formats=False, use_default=False)
    except Exception:  # noqa: BLE001 - no compiled check: jsonschema does it all
        return None

    def check(data: Any) -> bool:
        try:
            compiled(data)
        except Exception:  # noqa: BLE001 - invalid or odd data: jsonschema decides and words it
            return False
        return True
    return check


def source_types() -> list[str]:
    """The kinds of source, as declared in schemas/sources.schema.json."""
    return list(_schema("sources.schema.json")["$defs"]["source_type"]["enum"])


def topics() -> list[str]:
    """The topics of claim pages, in site order, as declared in schemas/page.schema.json."""
    return list(_schema("page.schema.json")["properties"]["topic"]["enum"])
