"""YAML loading that remembers the line of every key and never raises on bad input.

Dates are kept as strings (the checker validates them itself), duplicate keys
are reported instead of silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: ~2x faster
    """SafeLoader without the timestamp resolver: dates stay ISO strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path = tuple  # a path into the data: ("claims", "regrow-hair", "sources", 0)


@dataclass
class YamlDoc:
    data: Any = None
    lines: dict[Path, int] = field(default_factory=dict)
    error: str = ""
    error_line: int = 0
    duplicates: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path, default: int = 1) -> int:
        """Line of the deepest known prefix of ``path``."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


def _walk(node: yaml.Node, path: Path, offset: int, doc: YamlDoc) -> None:
    doc.lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = path + (key,)
            if key in seen:
                doc.duplicates.append((child, key_node.start_mark.line + offset))
            seen.add(key)
            _walk(value_node, child, offset, doc)
            doc.lines[child] = key_node.start_mark.line + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), offset, doc)


# the usual causes of a YAML syntax error in front matter and data files, for the problem's hint
SYNTAX_HINT = ("look at this line and the one above it; usual causes: a quote inside a quoted value "
               "(write it as \\\" or use other quote marks: “ ” « »), a value with ': ' or starting with a quote "
               "that is not wrapped in double quotes, or indentation (spaces only, the same as the keys beside it)")


def load(text: str, first_line: int = 1) -> YamlDoc:
    """Parse ``text``; ``first_line`` is the file line where the text starts."""
    doc = YamlDoc()
    offset = first_line
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return doc
            _walk(node, (), offset, doc)
            doc.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        doc.error = f"YAML syntax error: {exc.problem or exc.context}".strip()
        doc.error_line = (mark.line + offset) if mark else offset
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            doc.error += f" ({exc.context} that starts on line {exc.context_mark.line + offset})"
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        doc.error = str(exc).splitlines()[0]
        doc.error_line = offset
    except (ValueError, TypeError, RecursionError) as exc:
        doc.error = f"cannot read YAML: {exc}"
        doc.error_line = offset
    return doc
