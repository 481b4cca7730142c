"""YAML loading that remembers the line of every key and never raises on bad input.

Dates are kept as strings (the checker validates them itself), duplicate keys
are reported instead of silently overwritten.
"""

from __future__ import annotations

from typing import Any

import yaml


STR, MAP, SEQ, NULL = (f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq", "null"))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: ~2x faster
    """SafeLoader without the timestamp resolver: dates stay ISO strings."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """Resolver.resolve for a scalar, without its per-call list building: the implicit
        resolvers for the first character (SafeLoader has no wildcard or path resolvers)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR
        return super().resolve(kind, value, implicit)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
assert None not in _Loader.yaml_implicit_resolvers and not _Loader.yaml_path_resolvers
# PyYAML's own constructors of the scalars that need more than their text (the fast builder's)
_SCALAR_CONSTRUCTORS = {tag: _Loader.yaml_constructors[tag] for tag in
                        ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")}

def safe_load(text: str) -> Any:
    """yaml.safe_load, with libyaml when available (the same data, several times faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


Path = tuple  # a path into the data: ("claims", "regrow-hair", "sources", 0)


class YamlDoc:
    """Parsed data, the line of every key and item, and why reading failed (if it did).

    Lines are found when first asked for (a problem to report): a valid file is read as fast as
    plain ``yaml.load``; its nodes are composed again only when a line is needed."""

    def __init__(self, data: Any = None, error: str = "", error_line: int = 0) -> None:
        self.data, self.error, self.error_line = data, error, error_line
        self.duplicates: list[tuple[Path, int]] = []
        self._lines: dict[Path, int] = {}
        self._source: tuple[str, int] | None = None   # text and first line whose lines are not found yet

    @classmethod
    def lines_later(cls, data: Any, text: str, first_line: int) -> "YamlDoc":
        """A document read fast (no anchors, no key defined twice): its lines found when asked."""
        doc = cls(data)
        doc._source = (text, first_line)
        return doc

    @property
    def lines(self) -> dict[Path, int]:
        if self._source is not None:   # read fast: compose the nodes now, for their lines
            (text, offset), self._source = self._source, None
            loader = _Loader(text)
            try:
                node = loader.get_single_node()
                if node is not None:   # nothing to refuse or report: no anchors, no key twice
                    _walk(node, (), offset, self, self._lines)
            finally:
                loader.dispose()
        return self._lines

    def line_of(self, path: Path, default: int = 1) -> int:
        """Line of the deepest known prefix of ``path``."""
        path = tuple(path)
        lines = self.lines
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return lines.get((), default)


# aliases (`*name`) may repeat a mapping or list (yaml.safe_dump writes them for shared values);
# a document whose aliases expand it beyond this many times its own size, and at least to
# EXPANDED_MIN nodes, is refused: nested aliases can multiply a few lines into billions of values
EXPANSION_MAX, EXPANDED_MIN = 10, 100_000


def _children(node: yaml.Node, path: Path, offset: int, doc: YamlDoc,
              lines: dict[Path, int]) -> list[tuple[yaml.Node, Path]]:
    """The values of a mapping or the items of a list, recording their lines (a key's own line,
    not the line its value starts on) and any key defined twice."""
    children = []
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = path + (key,)
            line = key_node.start_mark.line + offset
            if key in seen:
                doc.duplicates.append((child, line))
            seen.add(key)
            lines[child] = line
            children.append((value_node, child))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = path + (index,)
            lines[child] = item.start_mark.line + offset
            children.append((item, child))
    return children


def _walk(root: yaml.Node, path: Path, offset: int, doc: YamlDoc, lines: dict[Path, int]) -> str:
    """The line of every key and item, in document order; iterative, so a deep document cannot
    exhaust the stack. A mapping or list that an alias repeats is walked once. Returns why the
    document is refused ("" if it is not): an alias inside the value it names (a loop), or
    aliases that expand the document too far."""
    lines[path] = root.start_mark.line + offset
    size: dict[int, int] = {}         # id(node) -> nodes it expands to (walked collections)
    open_nodes: set[int] = set()      # collections being walked (the path from the root)
    stack: list[tuple[yaml.Node, Path, list | None]] = [(root, path, None)]
    while stack:
        node, path, done = stack.pop()
        if done is not None:          # every child walked: the expanded size of this node
            size[id(node)] = 1 + sum(size.get(id(child), 1) for child, _ in done)
            open_nodes.discard(id(node))
            continue
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) or id(node) in size:
            continue
        if id(node) in open_nodes:
            doc.error_line = lines.get(path, offset)
            return "an alias (*name) is used inside the value it names; write the value out instead"
        open_nodes.add(id(node))
        children = _children(node, path, offset, doc, lines)
        stack.append((node, path, children))
        stack.extend((child, child_path, None) for child, child_path in reversed(children))
    expanded = size.get(id(root), 1)
    if expanded > max(EXPANDED_MIN, EXPANSION_MAX * len(lines)):   # lines: one per value walked
        doc.error_line = offset
        return f"aliases (*name) expand this document to {expanded:,} values; write the values out instead"
    return ""


# the usual causes of a YAML syntax error in front matter and data files, for the problem's hint
SYNTAX_HINT = ("look at this line and the one above it; usual causes: a quote inside a quoted value "
               "(write it as \\\" or use other quote marks: “ ” « »), a value with ': ' or starting with a quote "
               "that is not wrapped in double quotes, or indentation (spaces only, the same as the keys beside it)")


class _NeedsCareful(Exception):
    """The document has something the plain builder leaves to PyYAML's own constructor."""


def _build(root: yaml.Node, loader: _Loader) -> Any:
    """The data of a document without anchors, as ``loader.construct_document`` builds it, in
    one pass over the nodes (iterative: a deep document cannot exhaust the stack). Raises
    _NeedsCareful for a key defined twice, a key that is not a scalar, and any tag other than
    str, null, bool, int, float, map and seq (merge keys, sets, binary, custom tags)."""
    pending: list[tuple[yaml.Node, Any]] = []

    def value(node: yaml.Node) -> Any:
        tag = node.tag
        if tag == STR and type(node) is yaml.ScalarNode:
            return node.value
        if type(node) is yaml.MappingNode and tag == MAP:
            pending.append((node, {}))
        elif type(node) is yaml.SequenceNode and tag == SEQ:
            pending.append((node, []))
        elif type(node) is yaml.ScalarNode and tag == NULL:
            return None
        elif type(node) is yaml.ScalarNode and tag in _SCALAR_CONSTRUCTORS:
            return _SCALAR_CONSTRUCTORS[tag](loader, node)
        else:
            raise _NeedsCareful(tag)
        return pending[-1][1]

    data = value(root)
    while pending:
        node, target = pending.pop()
        if type(target) is list:
            target.extend([value(item) for item in node.value])
            continue
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.value in seen:
                raise _NeedsCareful("key")
            seen.add(key_node.value)
            target[value(key_node)] = value(value_node)
    return data


def _read_fast(text: str, offset: int) -> YamlDoc | None:
    """A document without anchors (&name, so no aliases), without duplicate keys and with plain
    tags only, read as plain yaml.load reads it, its lines left for later; None if it needs the
    careful reading."""
    if "&" in text:
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(node, loader)
    except _NeedsCareful:
        return None
    finally:
        loader.dispose()
    return YamlDoc.lines_later(data, text, offset)


def _read_carefully(text: str, offset: int) -> YamlDoc:
    """Every line and duplicate key recorded while walking the nodes; aliases checked."""
    doc = YamlDoc()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc
        refused = _walk(node, (), offset, doc, doc.lines)
        if refused:
            doc.error = refused
            return doc
        doc.data = loader.construct_document(node)
    finally:
        loader.dispose()
    return doc


def load(text: str, first_line: int = 1) -> YamlDoc:
    """Parse ``text``; ``first_line`` is the file line where the text starts."""
    offset = first_line
    try:
        return _read_fast(text, offset) or _read_carefully(text, offset)
    except yaml.MarkedYAMLError as exc:
        doc = YamlDoc()
        mark = exc.problem_mark or exc.context_mark
        doc.error = f"YAML syntax error: {exc.problem or exc.context}".strip()
        doc.error_line = (mark.line + offset) if mark else offset
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            doc.error += f" ({exc.context} that starts on line {exc.context_mark.line + offset})"
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        return YamlDoc(error=str(exc).splitlines()[0], error_line=offset)
    except (ValueError, TypeError, RecursionError) as exc:
        return YamlDoc(error=f"cannot read YAML: {exc}", error_line=offset)
