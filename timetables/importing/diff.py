"""The difference between an ``sts_emp`` file and the database, for one establishment and year.

Ownership decides what an STS import may change: teachers, course modalities and services are STS-Web's
(created, updated; services absent from the file are deleted). Subjects, MEFs, divisions and groups are
SIECLE's (``siecle.models``, keyed by code as ``siecle.importing`` keys them): the STS import creates the
missing ones and fills blank fields, never overwrites what SIECLE wrote nor deletes anything, so the two
imports never undo each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from establishments.models import Establishment
from siecle.importing.diffing import diff_keyed
from siecle.importing.plan import TableChanges
from siecle.importing.stored import id_pairs, stored_by, stored_rows
from siecle.models import CodeLabel, Division, Group, GroupDivision, Mef, Subject
from timetables.formats import StsExport
from timetables.importing import incoming
from timetables.models import Service, Teacher

MODALITY_TABLE = "MODS_COURS"


@dataclass
class StsPlan:
    """Table changes in write order (parents first) and the per-table counts for ``changes``."""

    tables: list[TableChanges] = field(default_factory=list)
    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, name: str, changes: TableChanges) -> None:
        self.tables.append(changes)
        self.changes[name] = {
            "created": len(changes.create),
            "updated": len(changes.update),
            "unchanged": changes.unchanged,
        }
        if changes.model in (Service,):
            self.changes[name]["deleted"] = len(changes.delete)


def _keep_filled(stored: dict[Hashable, dict[str, Any]], rows: dict[Hashable, dict[str, Any]]) -> None:
    """For rows SIECLE owns: a stored non-blank value wins over the file's."""
    for key, row in rows.items():
        old = stored.get(key)
        if old is not None:
            for name, value in row.items():
                row[name] = old[name] if old[name] else value


def _diff_siecle_table(
    model: type, rows: dict[str, dict[str, Any]], base: dict[str, Any], establishment: Establishment
) -> tuple[TableChanges, dict[str, uuid.UUID]]:
    fields = next(iter(rows.values())).keys() if rows else ()
    stored = stored_by(model, establishment, base["school_year"], "code", fields)
    _keep_filled(stored, rows)  # type: ignore[arg-type]
    changes = TableChanges(model)
    ids = diff_keyed(changes, stored, rows, base=base, key_columns=lambda code: {"code": code})
    return changes, {**{code: row["id"] for code, row in stored.items()}, **ids}


def _diff_modalities(plan: StsPlan, export: StsExport, base: dict[str, Any], establishment: Establishment) -> None:
    stored_list = stored_rows(
        CodeLabel, establishment, base["school_year"], ("table", "code", "short_label", "long_label")
    )
    stored = {(row["table"], row["code"]): row for row in stored_list if row["table"] == MODALITY_TABLE}
    changes = TableChanges(CodeLabel)
    diff_keyed(
        changes,
        stored,
        incoming.modality_rows(export),
        base=base,
        key_columns=lambda key: {"table": key[0], "code": key[1]},
    )
    plan.add("modalities", changes)


def _diff_group_links(
    plan: StsPlan, export: StsExport, base: dict[str, Any], establishment: Establishment, ids: dict[str, dict]
) -> None:
    stored = id_pairs(GroupDivision, establishment, base["school_year"], "group_id", "division_id")
    changes = TableChanges(GroupDivision)
    for code, group in export.groups.items():
        for parent in group.division_codes:
            pair = (ids["group"][code], ids["division"].get(parent))
            if pair[1] is None:
                continue
            if pair in stored:
                changes.unchanged += 1
            else:
                changes.create.append({"id": uuid.uuid4(), **base, "group_id": pair[0], "division_id": pair[1]})
                stored[pair] = changes.create[-1]["id"]  # type: ignore[index]
    plan.add("group_links", changes)


def _diff_teachers(
    plan: StsPlan, export: StsExport, base: dict[str, Any], establishment: Establishment
) -> dict[str, uuid.UUID]:
    rows = incoming.teacher_rows(export)
    fields = next(iter(rows.values())).keys() if rows else ()
    stored = stored_by(Teacher, establishment, base["school_year"], "sts_id", fields)
    changes = TableChanges(Teacher)
    ids = diff_keyed(changes, stored, rows, base=base, key_columns=lambda sts_id: {"sts_id": sts_id})
    plan.add("teachers", changes)
    return {**{sts_id: row["id"] for sts_id, row in stored.items()}, **ids}


def _stored_services(establishment: Establishment, school_year: int) -> dict[tuple, dict[str, Any]]:
    rows = Service.objects.filter(establishment=establishment, school_year=school_year).values(
        "id", "teacher__sts_id", "subject__code", "division__code", "group__code", "modality_code", "sts_hours"
    )
    stored: dict[tuple, Any] = {}
    for row in rows:
        kind, code = ("division", row["division__code"]) if row["division__code"] else ("group", row["group__code"])
        key = (row["teacher__sts_id"], row["subject__code"], kind, code, row["modality_code"])
        stored[key] = row
    return stored


def _diff_services(
    plan: StsPlan, export: StsExport, base: dict[str, Any], establishment: Establishment, ids: dict[str, dict]
) -> None:
    stored = _stored_services(establishment, base["school_year"])
    changes = TableChanges(Service)
    wanted: dict[tuple, dict[str, Any]] = {}
    for key, hours in incoming.service_hours(export).items():
        if key[1] not in ids["subject"]:
            plan.warnings.append(f"Service en {key[1]} de « {key[3]} » : matière inconnue, service ignoré.")
            continue
        wanted[key] = {"sts_hours": hours}
    diff_keyed(changes, stored, wanted, base=base, key_columns=lambda key: _service_columns(key, ids))
    changes.delete.extend(row["id"] for key, row in stored.items() if key not in wanted)
    plan.add("services", changes)


def _service_columns(key: tuple, ids: dict[str, dict]) -> dict[str, Any]:
    sts_id, subject, kind, code, modality = key
    # Every row names both columns: the bulk insert takes its column list from the first row.
    division_id = ids["division"][code] if kind == "division" else None
    structure = {"division_id": division_id, "group_id": None if division_id else ids["group"][code]}
    return {
        "teacher_id": ids["teacher"][sts_id],
        "subject_id": ids["subject"][subject],
        "modality_code": modality,
        **structure,
    }


def plan_import(export: StsExport, establishment: Establishment, school_year: int) -> StsPlan:
    """Call inside ``scopes_disabled``: every read filters on the establishment and year explicitly."""
    base = {"establishment_id": establishment.pk, "school_year": school_year}
    plan = StsPlan()
    ids: dict[str, dict] = {}
    for name, model, rows in (
        ("mefs", Mef, incoming.mef_rows(export)),
        ("subjects", Subject, incoming.subject_rows(export)),
        ("divisions", Division, incoming.structure_rows(export.divisions)),
        ("groups", Group, incoming.structure_rows(export.groups)),
    ):
        changes, ids[str(model._meta.model_name)] = _diff_siecle_table(model, rows, base, establishment)
        plan.add(name, changes)
    _diff_modalities(plan, export, base, establishment)
    _diff_group_links(plan, export, base, establishment, ids)
    ids["teacher"] = _diff_teachers(plan, export, base, establishment)
    _diff_services(plan, export, base, establishment, ids)
    return plan
