"""Validation issues, the report that gathers them, and FormatError for file-level refusals."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding. Record-level issues name the pupil (ELEVE_ID, INE, name) or the person."""

    code: str
    message: str  # French, for the secretary
    severity: Severity
    line: int | None = None
    column: int | None = None
    eleve_id: str | None = None
    ine: str | None = None
    name: str | None = None
    person_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        for key in ("line", "column", "eleve_id", "ine", "name", "person_id"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


class FormatError(Exception):
    """A file-level refusal: the file cannot be used at all (French ``message``, stable ``code``).

    ``read_export`` and ``stream_export`` raise it; ``check_file`` catches it and reports it as
    the file's error (exit status 1).
    """

    def __init__(self, code: str, message: str, *, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column

    def as_issue(self) -> Issue:
        return Issue(self.code, self.message, Severity.ERROR, line=self.line, column=self.column)


@dataclass(slots=True)
class Report:
    """Issues found while reading one file. Errors on records mean the record was skipped."""

    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        target = self.errors if issue.severity is Severity.ERROR else self.warnings
        target.append(issue)

    def error(self, code: str, message: str, **where: Any) -> None:
        self.add(Issue(code, message, Severity.ERROR, **where))

    def warning(self, code: str, message: str, **where: Any) -> None:
        self.add(Issue(code, message, Severity.WARNING, **where))

    def codes(self) -> list[str]:
        return [issue.code for issue in (*self.errors, *self.warnings)]
