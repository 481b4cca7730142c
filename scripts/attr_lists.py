"""Source rule: attr_list blocks in content may set ids and classes only.

Python-Markdown's attr_list turns ``{: onmouseover="..." }`` under a paragraph, or
``{#id onclick="..."}`` on a heading, into real attributes of the built element. Content may use
``{#id}`` and ``{.class}`` (and ``{: #id .class }``); any other attribute is an error, with the
file and line. (The output allowlist, scripts/output_allowlist.py, checks the built HTML too.)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from markdown.extensions.attr_list import get_attrs_and_remainder

from .content import Project
from .report import Problem

# one {...} group as attr_list reads it (its BASE_RE), one group at a time
ATTR_LIST_RE = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")
ALLOWED_KEYS = {"id", ".", "class"}


def attr_list_problems(text: str) -> list[str]:
    """The attributes of one line's attr_list groups that are not an id or a class."""
    bad = []
    for match in ATTR_LIST_RE.finditer(text):
        attrs, _ = get_attrs_and_remainder(match.group(1))
        bad += [key for key, _ in attrs if key not in ALLOWED_KEYS]
    return bad


def check_attr_lists(project: Project, today: dt.date) -> Iterator[Problem]:
    for pages in project.pages.values():
        for page in pages.values():
            for number, text in page.prose_lines:
                if "{" not in text:   # no attribute list on this line (most lines)
                    continue
                for key in attr_list_problems(text):
                    yield Problem(page.path, number, "attr-list-not-allowed",
                                  f"attribute '{key[:40]}' in an attribute list {{...}}",
                                  "attribute lists may set only {#id} and {.class}; "
                                  "write a literal brace as &#123;")
