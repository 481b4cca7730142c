"""Values a build works out the same way every time, kept between builds in `.cache/exofaq/` (git
ignores it), as MkDocs Material's social cards are: the QR code of each page's address (segno
tries eight masks for each), the frame heights of each embed card (a text layout at 51 widths)
and the readability scores of the check (textstat).

Each value is a pure function of its key and of the code that works it out. A file's name holds a
digest of that code (the module files and library versions given, and Python's), so changed code
starts a new, empty file; keys are stored as digests (a key may be a whole text). A value read back must have the shape the function returns (`valid`); any other
value (a damaged or edited file) is worked out again, and a file that cannot be read or parsed
counts as empty. Pages pass the output gate after, whatever their values came from.

Both processes of a build (scripts/background.py) may add values; `save` merges what is on disk
with what this process added, and replaces the file in one rename. `EXOFAQ_CACHE=off` reads and
writes nothing (every value is worked out, as on a fresh clone)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

CACHE_DIR = Path(".cache") / "exofaq"
ENV = "EXOFAQ_CACHE"


def code_digest(*parts: Path | str) -> str:
    """A short digest of the files (their bytes) and strings that decide a function's values,
    with the Python version (its Unicode tables, float formatting)."""
    digest = hashlib.sha256()
    for part in (*parts, sys.version):
        digest.update(part.read_bytes() if isinstance(part, Path) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


class DerivedCache:
    def __init__(self, root: Path | None, name: str, version: str, valid: Callable[[Any], bool]) -> None:
        enabled = os.environ.get(ENV, "on").lower() not in ("off", "0", "false", "no")
        self.path = root / CACHE_DIR / f"{name}-{version}.json" if enabled and root is not None else None
        self.valid = valid
        self.values: dict[str, Any] = self._read()
        self.added: dict[str, Any] = {}

    def get(self, key: str, work_out: Callable[[], Any]) -> Any:
        """The value kept for `key`, or `work_out()`, kept from now on."""
        key = hashlib.sha256(key.encode("utf-8")).hexdigest()
        value = self.values.get(key)
        if value is None or not self.valid(value):
            value = work_out()
            self.values[key] = self.added[key] = value
        return value

    def save(self) -> None:
        """Write this process's new values, merged with the file as it is now (one rename)."""
        if self.path is None or not self.added:
            return
        merged = {**self._read(), **self.added}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(merged, out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            os.chmod(temporary, 0o644)  # as other files of the checkout (mkstemp makes it private)
            os.replace(temporary, self.path)
        except OSError:
            return  # a read-only checkout: the next build works the values out again
        self.added = {}

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


def derived_cache(store: dict, root: Path | None, name: str, version: str,
                  valid: Callable[[Any], bool]) -> DerivedCache:
    """The cache `name` of a project, kept in its `store` (Project.cache) for the life of the load."""
    key = ("derived", name)
    if key not in store:
        store[key] = DerivedCache(root, name, version, valid)
    return store[key]


def save_all(store: dict) -> None:
    """Write the new values of every derived cache in `store`."""
    for key, cache in list(store.items()):
        if isinstance(key, tuple) and key[:1] == ("derived",):
            cache.save()
