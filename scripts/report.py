"""Problems and how they are shown: ``path:line: rule-id: message``. The severity of a rule
comes from the rule registry (data/rules.yml)."""

from __future__ import annotations

from dataclasses import dataclass

from .rule_registry import severity as registered_severity

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    rule: str
    message: str
    hint: str = ""
    severity: str = ""      # empty: the rule's severity in data/rules.yml

    def __post_init__(self) -> None:
        if not self.severity:
            object.__setattr__(self, "severity", registered_severity(self.rule))

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
