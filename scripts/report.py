"""Problems and how they are shown: ``path:line: rule-id: message``."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    rule: str
    message: str
    hint: str = ""
    severity: str = ERROR

    def format(self) -> str:
        level = "" if self.severity == ERROR else f"{self.severity}: "
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}: {self.rule}: {level}{self.message}{hint}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def format_all(problems: list[Problem]) -> str:
    return "\n".join(p.format() for p in sorted(set(problems)))


def summary(problems: list[Problem]) -> str:
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    return f"{n_err} error(s), {n_warn} warning(s)"
