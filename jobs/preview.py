"""« Aperçu de l'import »: what an analysed import would change, in words, and a digest of that plan.

The same report is the job's CSV (one line per change or record issue), whether a preview was shown or not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from establishments.models import Establishment
from siecle.importing import ImportAnalysis
from siecle.importing.plan import ImportPlan
from siecle.models import Address, Student
from siecle.models.addresses import ADDRESS_FIELDS

PREVIEW_COUNT_KEYS = ("students", "guardians", "links", "addresses", "divisions", "groups")
HIDDEN_FIELDS = {"missing_from_import"}  # implied by a departure


def _field_label(name: str) -> str:
    if name == "address":
        return "adresse"
    return str(getattr(Student._meta.get_field(name), "verbose_name", name))


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _address_text(row: dict[str, Any] | None) -> str:
    if not row:
        return ""
    return ", ".join(str(row[name]) for name in ADDRESS_FIELDS if row.get(name))


class _Addresses:
    """Address texts before (stored) and after (the plan's new or updated rows) the import."""

    def __init__(self, plan: ImportPlan, establishment: Establishment, ids: set[uuid.UUID]) -> None:
        changes = plan.table(Address)
        self.planned = {row["id"]: row for row in (*changes.create, *changes.update)}
        rows = Address.objects.filter(establishment=establishment, pk__in=ids).values("id", *ADDRESS_FIELDS)
        self.stored = {row["id"]: row for row in rows}

    def before(self, address_id: uuid.UUID | None) -> str:
        return _address_text(self.stored.get(address_id)) if address_id else ""

    def after(self, address_id: uuid.UUID | None) -> str:
        if not address_id:
            return ""
        return _address_text(self.planned.get(address_id) or self.stored.get(address_id))


def _changes(analysis: ImportAnalysis) -> list[dict[str, str]]:
    """Field by field: before (stored) and after (the file) for every updated or departing pupil."""
    plan = analysis.plan
    updates = {row["id"]: row for row in plan.table(Student).update}
    students = Student.objects.filter(establishment=analysis.establishment, pk__in=list(updates))
    stored = {row["id"]: row for row in students.values()}
    address_ids = {address_id for row in (*updates.values(), *stored.values()) if (address_id := row.get("address_id"))}
    addresses = _Addresses(plan, analysis.establishment, address_ids)
    lines = []
    for item in plan.history:
        old, new = stored.get(item.student_id), updates.get(item.student_id)
        if old is None or new is None:
            continue
        for name in item.changed_fields:
            if name in HIDDEN_FIELDS:
                continue
            if name == "address":
                before, after = addresses.before(old["address_id"]), addresses.after(new["address_id"])
            else:
                before, after = _display(old.get(name)), _display(new.get(name))
            person = {"eleve_id": item.eleve_id, "ine": _display(new.get("ine")), "name": item.name}
            lines.append({**person, "field": _field_label(name), "before": before, "after": after})
    return lines


def _people(analysis: ImportAnalysis, action: str) -> list[dict[str, str]]:
    creates = {row["id"]: row for row in analysis.plan.table(Student).create}
    updates = {row["id"]: row for row in analysis.plan.table(Student).update}
    rows = []
    for item in analysis.plan.history:
        if str(item.action) == action:
            row = creates.get(item.student_id) or updates.get(item.student_id) or {}
            rows.append({"eleve_id": item.eleve_id, "ine": _display(row.get("ine")), "name": item.name})
    return rows


def _refused(analysis: ImportAnalysis) -> list[dict[str, str]]:
    return [
        {key: str(issue.get(key) or "") for key in ("eleve_id", "ine", "name", "message", "code")}
        for issue in analysis.record_issues
        if issue["severity"] == "error"
    ]


def import_preview(analysis: ImportAnalysis) -> dict[str, Any]:
    """Everything « Aperçu de l'import » shows, as JSON (stored on the job, reused by the CSV report)."""
    summary = analysis.summary(dry_run=True)
    return {
        "counts": {key: summary[key] for key in PREVIEW_COUNT_KEYS},
        "changed": summary["changed"],
        "files": analysis.files,
        "arrivals": _people(analysis, "created"),
        "departures": _people(analysis, "left"),
        "changes": _changes(analysis),
        "refused": _refused(analysis),
        "warnings": list(analysis.warnings),
    }


def _canonical(value: Any, created: set[uuid.UUID]) -> Any:
    if isinstance(value, uuid.UUID):
        return "new" if value in created else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_canonical(item, created) for item in value]
    return value


def _canonical_rows(rows: list[dict[str, Any]], created: set[uuid.UUID]) -> list[str]:
    return sorted(
        json.dumps({key: _canonical(value, created) for key, value in row.items()}, sort_keys=True, default=str)
        for row in rows
    )


def plan_digest(plan: ImportPlan) -> str:
    """A digest of what the plan writes, equal for two analyses of the same files on the same data.

    Ids generated for new rows are random, so they are replaced by a placeholder; stored ids, field
    values and deletions are kept: if anything the import would write differs, the digest differs.
    """
    created = {row["id"] for changes in plan.tables for row in changes.create}
    tables = [
        [
            changes.model._meta.label,
            _canonical_rows(changes.create, created),
            _canonical_rows(changes.update, created),
            sorted(str(pk) for pk in changes.delete),
        ]
        for changes in sorted(plan.tables, key=lambda item: item.model._meta.label)
    ]
    return hashlib.sha256(json.dumps(tables, default=str).encode()).hexdigest()
