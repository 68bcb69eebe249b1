"""Validation issues, the report that gathers them, and FormatError for file-level refusals."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from siecle.formats.limits import MAX_ISSUES, MAX_REFUSED_RECORDS


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
    detail: str | None = None  # the parser's own (English) words, for the report only

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        for key in ("line", "column", "eleve_id", "ine", "name", "person_id", "detail"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


class FormatError(Exception):
    """A file-level refusal: the file cannot be used at all (French ``message``, stable ``code``).

    ``read_export`` and ``stream_export`` raise it; ``check_file`` catches it and reports it as
    the file's error (exit status 1).
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        detail: str | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.detail = detail
        self.kind: str | None = None  # the export kind, when the root element was read before the refusal

    def as_issue(self) -> Issue:
        return Issue(self.code, self.message, Severity.ERROR, line=self.line, column=self.column, detail=self.detail)


@dataclass(slots=True)
class Report:
    """Issues found while reading one file. Errors on records mean the record was skipped.

    At most ``max_issues`` are kept; the others are only counted in ``omitted`` (a file of millions of
    empty records must not grow memory), and ``close`` says how many were left out. Beyond
    ``max_refused_records`` errors the whole file is refused: reading on would only spend time.
    """

    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    max_issues: int = MAX_ISSUES
    max_refused_records: int = MAX_REFUSED_RECORDS
    omitted: int = 0
    refused: int = 0

    @property
    def full(self) -> bool:
        return len(self.errors) + len(self.warnings) >= self.max_issues

    def add(self, issue: Issue) -> None:
        if self.full:
            self.omit(issue.severity)
            return
        if issue.severity is Severity.ERROR:
            self._count_refusal()
        target = self.errors if issue.severity is Severity.ERROR else self.warnings
        target.append(issue)

    def close(self) -> None:
        if self.omitted:
            self.warnings.append(
                Issue(
                    "TOO_MANY_ISSUES",
                    f"{self.omitted} autre(s) anomalie(s) non listée(s) : seules les {self.max_issues} "
                    "premières sont détaillées.",
                    Severity.WARNING,
                )
            )
            self.omitted = 0

    def omit(self, severity: Severity) -> None:
        """Count an issue without describing it (the report is full)."""
        if severity is Severity.ERROR:
            self._count_refusal()
        self.omitted += 1

    def _count_refusal(self) -> None:
        self.refused += 1
        if self.refused > self.max_refused_records:
            raise FormatError(
                "TOO_MANY_REFUSED_RECORDS",
                f"Plus de {self.max_refused_records} enregistrements refusés : ce fichier n'est pas un export "
                "SIECLE exploitable. Refaites l'export depuis SIECLE.",
            )

    def error(self, code: str, message: str, **where: Any) -> None:
        self.add(Issue(code, message, Severity.ERROR, **where))

    def warning(self, code: str, message: str, **where: Any) -> None:
        self.add(Issue(code, message, Severity.WARNING, **where))

    def codes(self) -> list[str]:
        return [issue.code for issue in (*self.errors, *self.warnings)]
