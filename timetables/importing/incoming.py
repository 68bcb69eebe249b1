"""The rows an ``sts_emp`` file asks for, keyed as the database keys them (codes, STS ids)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from timetables.formats import StsExport
from timetables.formats.records import Division, Group, Service

ServiceKey = tuple[str, str, str, str, str]  # (teacher STS id, subject code, "division"|"group", structure, modality)


def _text(value: Any) -> str:
    return "" if value is None else value


def subject_rows(export: StsExport) -> dict[str, dict[str, Any]]:
    fields = ("management_code", "short_label", "long_label", "edition_label")
    return {code: {f: _text(getattr(s, f)) for f in fields} for code, s in export.subjects.items()}


def mef_rows(export: StsExport) -> dict[str, dict[str, Any]]:
    fields = ("formation", "speciality", "long_label", "edition_label", "attached_mef")
    return {code: {f: _text(getattr(m, f)) for f in fields} for code, m in export.mefs.items()}


def modality_rows(export: StsExport) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        ("MODS_COURS", code): {"short_label": _text(m.short_label)[:100], "long_label": _text(m.long_label)}
        for code, m in export.modalities.items()
    }


def structure_rows(structures: dict[str, Division] | dict[str, Group]) -> dict[str, dict[str, Any]]:
    return {code: {"label": _text(s.label), "mef_codes": list(s.mef_codes)} for code, s in structures.items()}


def teacher_rows(export: StsExport) -> dict[str, dict[str, Any]]:
    return {
        sts_id: {
            "kind": t.kind,
            "civility": _text(t.civility),
            "sex": _text(t.sex),
            "last_name": t.last_name,
            "birth_name": _text(t.birth_name),
            "first_name": _text(t.first_name),
            "birth_date": t.birth_date,
            "grade": _text(t.grade),
            "function": _text(t.function),
            "disciplines": [
                {"code": d.code, "label": _text(d.label), "hours": str(d.hours) if d.hours is not None else ""}
                for d in t.disciplines
            ],
        }
        for sts_id, t in export.teachers.items()
    }


def service_hours(export: StsExport) -> dict[ServiceKey, Decimal | None]:
    """One row per teacher of each service; services of teachers absent from INDIVIDUS are left out."""
    rows: dict[ServiceKey, Decimal | None] = {}
    for kind, structures in (("division", export.divisions), ("group", export.groups)):
        for code, structure in structures.items():
            for service in structure.services:
                rows.update(_service_rows(export, kind, code, service))
    return rows


def _service_rows(export: StsExport, kind: str, code: str, service: Service) -> dict[ServiceKey, Decimal | None]:
    return {
        (teacher.sts_id, service.subject_code, kind, code, service.modality_code): (
            teacher.hours if teacher.hours is not None else service.structure_hours
        )
        for teacher in service.teachers
        if teacher.sts_id in export.teachers
    }
