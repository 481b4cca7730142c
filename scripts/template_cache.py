"""Compiled theme templates kept in memory for the life of the process.

MkDocs makes a new Jinja environment for every build: once per language in `make build`, and on
every save in `make serve`, and each one compiles Material's templates again. Jinja's bytecode
cache keys each template by its name and a checksum of its source, so an edited template
(overrides/) is compiled afresh and an unchanged one is reused."""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


CACHE = MemoryBytecodeCache()


def use_cache(env: jinja2.Environment) -> jinja2.Environment:
    env.bytecode_cache = CACHE
    return env
