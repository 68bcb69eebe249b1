"""What an STS-Web import reports: the JSON contract of ``manage.py import_sts`` and of the import job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# progress(percent 0–100, French step label): the import job shows it while the transaction is open.
Progress = Callable[[int, str], None]

COUNT_KEYS = ("teachers", "subjects", "divisions", "groups", "services")
CHANGE_KEYS = ("teachers", "subjects", "mefs", "modalities", "divisions", "groups", "group_links", "services")


def no_progress(percent: int, label: str) -> None:
    """The default callback: a command or a test does not follow the steps."""


@dataclass
class StsImportResult:
    uai: str
    year: int
    dry_run: bool
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    applied: bool = False  # True once written (apply, not refused)

    @property
    def refused(self) -> bool:
        """A file-level refusal: nothing was (or would be) written."""
        return bool(self.errors)

    @property
    def changes_anything(self) -> bool:
        return any(value for table in self.changes.values() for name, value in table.items() if name != "unchanged")

    def summary(self) -> dict[str, Any]:
        """``{"uai", "year", "dry_run", "counts", "changes", "errors", "warnings"}`` (+ ``"error"`` if refused)."""
        data: dict[str, Any] = {
            "uai": self.uai,
            "year": self.year,
            "dry_run": self.dry_run,
            "counts": dict(self.counts),
            "changes": {name: dict(values) for name, values in self.changes.items()},
            "errors": list(self.errors),
            "warnings": list(self.warnings),
        }
        if self.errors:
            data["error"] = self.errors[0]
        return data
