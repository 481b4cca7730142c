"""scripts/yamlfile.py reads YAML as PyYAML's SafeLoader does (dates kept as text): its fast
builder gives the same data as PyYAML's own constructor, and leaves everything unusual (merge
keys, sets, binary, custom tags, keys defined twice) to the careful reading."""

from __future__ import annotations

import math

import pytest
import yaml

from conftest import ROOT
from scripts import yamlfile


class Reference(yaml.SafeLoader):
    """PyYAML's pure-Python SafeLoader without the timestamp resolver: what the checker promises."""


Reference.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def same(a, b) -> bool:
    """Equal data, with NaN equal to NaN and True not equal to 1 (types compared too)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def repo_yaml_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\n---\n" in text:
            texts.append((str(path.relative_to(ROOT)), text[4:text.index("\n---\n", 4)]))
    for path in [*sorted((ROOT / "data").glob("*.yml")), *sorted(ROOT.glob("*.lock.yml"))]:
        texts.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return texts


def test_every_yaml_of_the_site_reads_as_pyyaml_reads_it():
    texts = repo_yaml_texts()
    assert len(texts) > 100
    fast = 0
    for name, text in texts:
        doc = yamlfile.load(text, 1)
        assert not doc.error, name
        assert same(doc.data, yaml.load(text, Loader=Reference)), name
        fast += yamlfile._read_fast(text, 1) is not None
    assert fast >= len(texts) * 0.9   # the fast builder, not the careful reading, read almost all


PLAIN = {
    "integers": "a: 7\nb: -12\nc: +5\nd: 0\ne: -0\nf: 007\ng: 0x1F\nh: 0b101\ni: 1_000\nj: 190:20:30\n",
    "floats": "a: 1.5\nb: 1e3\nc: -.inf\nd: .NaN\ne: 6.8523015e+5\nf: 1_000.5\ng: 190:20:30.15\n",
    "booleans": "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\ng: y\nh: n\n",
    "nulls": "a: ~\nb: null\nc:\nd: Null\n",
    "dates stay text": "reviewed: 2026-01-01\nat: 2001-12-14t21:59:43.10-05:00\n",
    "explicit tags": "a: !!str 5\nb: !!int \"7\"\nc: !!float 1\nd: !!bool yes\ne: !!null ''\nf: !!map {x: 1}\ng: !!seq [1]\n",
    "quoted": "a: \"7\"\nb: 'yes'\nc: \"a: b\"\nd: \"\"\ne: '2026-01-01'\n",
    "block scalars": "a: |\n  two\n  lines\nb: >-\n  folded\n  text\n",
    "nesting": "claims:\n  q1:\n    sources: [a, b]\n    items:\n      - x: 1\n      - [2, {y: [3]}]\n",
    "scalar keys": "1: int\nyes: bool\n~: null\n1.5: float\n\"2\": text\n",
    "unicode": "title: \"Exosomes · 엑소좀 · الإكسوسومات\"\nx: «ç»\n",
    "a list document": "- a\n- 1\n- [b]\n",
    "a scalar document": "just text\n",
    "an empty document": "",
    "a comment only": "# nothing\n",
}


@pytest.mark.parametrize("text", PLAIN.values(), ids=PLAIN.keys())
def test_plain_yaml_is_built_fast_and_the_same(text):
    doc = yamlfile._read_fast(text, 1)
    assert doc is not None, "the fast builder refused plain YAML"
    assert same(doc.data, yaml.load(text, Loader=Reference))


UNUSUAL = {
    "merge key": "base: {a: 1}\nother:\n  <<: {a: 2, b: 3}\n  c: 4\n",
    "set": "tags: !!set {a, b}\n",
    "binary": "logo: !!binary aGk=\n",
    "ordered map": "steps: !!omap [a: 1, b: 2]\n",
    "pairs": "steps: !!pairs [a: 1, a: 2]\n",
    "custom tag": "title: !shout hello\n",
    "python tag": "x: !!python/name:os.system\n",
    "key twice": "title: a\ntitle: b\n",
    "key twice, nested": "claims:\n  q: {verdict: a, verdict: b}\n",
    "a mapping as key": "? {a: 1}\n: b\n",
    "a list as key": "? [a]\n: b\n",
    "value key": "=: x\n",
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_yaml_is_left_to_the_careful_reading(text):
    assert yamlfile._read_fast(text, 1) is None
    doc = yamlfile.load(text, 1)
    try:
        expected = yaml.load(text, Loader=Reference)
    except yaml.YAMLError:
        assert doc.error and doc.data is None   # refused, as PyYAML refuses it
        return
    if doc.duplicates:   # reported as yaml-duplicate-key; the data is PyYAML's (the last value wins)
        assert same(doc.data, expected)
        return
    assert not doc.error and same(doc.data, expected)


def test_deep_nesting_is_built_without_recursion():
    depth = 3000
    text = "a: " + "[" * depth + "x" + "]" * depth + "\n"
    doc = yamlfile.load(text, 1)
    assert not doc.error
    value, levels = doc.data["a"], 0
    while isinstance(value, list):
        value, levels = value[0], levels + 1
    assert (levels, value) == (depth, "x")


def test_lines_of_a_fast_read_document_are_found_when_asked():
    doc = yamlfile.load("title: t\nclaims:\n  q1:\n    sources:\n      - a\n      - b\n", 2)
    assert doc.line_of(("claims", "q1", "sources", 1)) == 7
    assert doc.line_of(("claims", "missing")) == 3
