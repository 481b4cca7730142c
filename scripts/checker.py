"""The one checker: load the project, run every rule, return all problems.

Used by ``make check`` (scripts/check.py) and by the MkDocs hook; no logic lives elsewhere.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from .content import Project, load_project
from .parallel import default_helpers, run_all
from .report import Problem
from .rule_registry import lookup
from .rules import RULES


class ClockError(ValueError):
    """EXOFAQ_TODAY is set to something that is not a date."""


def today_from_env() -> dt.date:
    """The clock: EXOFAQ_TODAY=YYYY-MM-DD overrides the system date (tests inject it)."""
    value = os.environ.get("EXOFAQ_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClockError(f"EXOFAQ_TODAY={value!r} is not a date: write it as YYYY-MM-DD, or unset it") from None


def check_project(project: Project, today: dt.date, helpers: int = 0) -> list[Problem]:
    """Every problem of the loaded project; `helpers`: forked processes that run rules beside
    this one (scripts/parallel.py; the problems are the same)."""
    problems = list(project.problems)
    for found in run_all([partial(_run_rule, rule, project, today) for rule in RULES], helpers):
        problems.extend(found)
    for rule_id in sorted({p.rule for p in problems if lookup(p.rule) is None}):
        problems.append(Problem("(checker)", 0, "internal-error",
                                f"rule id '{rule_id}' is not declared in data/rules.yml"))
    return sorted(set(problems))


def _run_rule(rule, project: Project, today: dt.date) -> list[Problem]:
    try:
        return list(rule(project, today))
    except Exception as exc:  # a rule crashing on odd input is itself reported, closed
        return [Problem("(checker)", 0, "internal-error", f"rule {rule.__name__} failed on this input: {exc!r}")]


@contextmanager
def cycle_collector_paused(long_running: bool = False):
    """A check builds many objects that live to its end and makes almost no reference cycles:
    Python's cycle collector would walk the growing heap again and again for nothing (about a
    quarter of the time of a 10,000-page check). Reference counting still frees everything
    else; the collector runs again afterwards as before.

    On the way out of a process that ends soon after (make check, make build), what the check
    built is moved to the oldest generation in one step (freeze, then unfreeze) instead of being
    walked by the next young collection (about 0.4 s at 10,000 pages). Nothing stays frozen and
    a full collection still frees any cycles. `long_running` (make serve) skips that: objects
    moved that way are not counted towards the next full collection, so a rebuild's cycles were
    freed late (100 -> 166 MB peak over 16 saves, against 112 MB). Also skipped when the
    caller has frozen objects of its own, to leave those frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not long_running and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def check(root: Path | str, today: dt.date | None = None, only: tuple[str, ...] = (),
          long_running: bool = False) -> tuple[Project, list[Problem]]:
    """All problems; `only`: the preview of one language (it and the default language);
    `long_running`: the caller lives on after the check (make serve; see cycle_collector_paused),
    and its rules run in this process only (it has other threads: see parallel.can_fork)."""
    with cycle_collector_paused(long_running):
        project = load_project(root, only)
        helpers = 0 if long_running else default_helpers()
        return project, check_project(project, today or today_from_env(), helpers)
