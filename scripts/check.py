"""Command line: ``python -m scripts.check [ROOT] [--today YYYY-MM-DD]``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .checker import ClockError, check, today_from_env
from .report import errors, format_all, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check every page, source and label before publishing.")
    parser.add_argument("root", nargs="?", default=".", help="project folder (default: .)")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="date to check against (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    try:
        today = args.today or today_from_env()
    except ClockError as exc:
        parser.error(str(exc))   # exit 2, like a bad --today
    _, problems = check(Path(args.root), today)
    if problems:
        print(format_all(problems))
    print(summary(problems), file=sys.stderr)
    return 1 if errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
