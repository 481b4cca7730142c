"""The JSON Schemas of schemas/, loaded once, and the vocabulary they declare: source types
(sources.schema.json `$defs.source_type`) and topics (page.schema.json). One schema can $ref
another by its file name."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import jsonschema
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@lru_cache(maxsize=None)
def _schemas() -> Registry:
    """Every schema of schemas/ under its $id, so one can $ref another (source types live once,
    in sources.schema.json)."""
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=_schemas())


@lru_cache(maxsize=None)
def _schema_by_id() -> dict[str, Any]:
    return {schema["$id"]: schema for schema in
            (json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json")))}


@lru_cache(maxsize=None)
def known_valid(name: str) -> Callable[[Any], bool] | None:
    """A compiled check (fastjsonschema) that answers True only for data the schema accepts; most
    data is valid, so this spares jsonschema, which then words the problems of the rest. None when
    the schema does not compile (sources.schema.json uses a Python-only regex): jsonschema alone.
    tests/test_schemas_fast.py keeps the two in agreement."""
    try:
        import fastjsonschema

        compiled = fastjsonschema.compile(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")),
                                          handlers={"https": lambda uri: _schema_by_id()[uri.split("#")[0]]},
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
    return list(validator("sources.schema.json").schema["$defs"]["source_type"]["enum"])


def topics() -> list[str]:
    """The topics of claim pages, in site order, as declared in schemas/page.schema.json."""
    return list(validator("page.schema.json").schema["properties"]["topic"]["enum"])
