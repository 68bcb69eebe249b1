"""What the digest lists besides arrivals and departures (which « Aperçu de l'import » already has):
pupils changing division or group, and guardians whose contact details change, each with the pupils'
names. Read from the analysed plan and the stored rows, inside the import's transaction."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from django.db import models

from siecle.importing import ImportAnalysis
from siecle.importing.plan import TableChanges
from siecle.models import Address, Division, Group, Guardian, GuardianLink, Student, StudentDivision, StudentGroup

CONTACT_FIELDS = {"home_phone": "téléphone domicile", "mobile_phone": "téléphone portable",
                  "work_phone": "téléphone travail", "email": "courriel", "address_id": "adresse"}  # fmt: skip


def _table(analysis: ImportAnalysis, model: type[models.Model]) -> TableChanges:
    """The plan's changes for ``model`` without adding an empty table (``plan.table`` would, and the
    preview digest « Importer » checks counts the tables)."""
    found = [changes for changes in analysis.plan.tables if changes.model is model]
    return found[0] if found else TableChanges(model)


def _student_names(ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = Student.objects.filter(pk__in=ids).values_list("id", "last_name", "first_name")
    return {pk: f"{last} {first}".strip() for pk, last, first in rows}


def _codes(analysis: ImportAnalysis, model: type[models.Model], ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    codes = {row["id"]: row["code"] for row in _table(analysis, model).create}
    codes.update(model._default_manager.filter(pk__in=ids - set(codes)).values_list("id", "code"))
    return codes


def _memberships(
    analysis: ImportAnalysis, link: type[models.Model], target: type[models.Model], column: str
) -> dict[uuid.UUID, tuple[list[str], list[str]]]:
    """Pupil id → (codes left, codes joined) for the division or group links the plan changes."""
    changes = _table(analysis, link)
    removed = list(link._default_manager.filter(pk__in=changes.delete).values_list("student_id", column))
    added = [(row["student_id"], row[column]) for row in changes.create]
    codes = _codes(analysis, target, {target_id for _student, target_id in removed + added})
    moves: dict[uuid.UUID, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for student_id, target_id in removed:
        moves[student_id][0].append(codes.get(target_id, "?"))
    for student_id, target_id in added:
        moves[student_id][1].append(codes.get(target_id, "?"))
    return moves


def structure_changes(analysis: ImportAnalysis) -> list[dict[str, str]]:
    """Pupils staying in the establishment whose division or groups change (arrivals and departures are
    listed on their own)."""
    coming_or_going = {item.student_id for item in analysis.plan.history if str(item.action) in ("created", "left")}
    lines = []
    for label, link, target, column in (
        ("division", StudentDivision, Division, "division_id"),
        ("groupe", StudentGroup, Group, "group_id"),
    ):
        moves = {pk: move for pk, move in _memberships(analysis, link, target, column).items()
                 if pk not in coming_or_going}  # fmt: skip
        names = _student_names(set(moves))
        for pk, (before, after) in moves.items():
            lines.append({"name": names.get(pk, "?"), "kind": label,
                          "before": ", ".join(sorted(before)), "after": ", ".join(sorted(after))})  # fmt: skip
    return sorted(lines, key=lambda line: (line["name"], line["kind"]))


def _contact_changed(analysis: ImportAnalysis) -> dict[uuid.UUID, set[str]]:
    """Guardian id → the contact fields that change (an address changes in place or is replaced)."""
    updates = {row["id"]: row for row in _table(analysis, Guardian).update}
    stored = {row["id"]: row for row in Guardian.objects.filter(pk__in=list(updates)).values()}
    changed: dict[uuid.UUID, set[str]] = defaultdict(set)
    for pk, row in updates.items():
        for name in CONTACT_FIELDS:
            previous = stored.get(pk)
            if name in row and (previous.get(name) if previous else None) != row[name]:
                changed[pk].add(name)
    moved_addresses = {row["id"] for row in _table(analysis, Address).update}
    for pk in Guardian.objects.filter(address_id__in=moved_addresses).values_list("id", flat=True):
        changed[pk].add("address_id")
    return changed


def guardian_contact_changes(analysis: ImportAnalysis) -> list[dict[str, str]]:
    changed = _contact_changed(analysis)
    guardians = {row[0]: f"{row[1]} {row[2]} {row[3]}".strip() for row in
                 Guardian.objects.filter(pk__in=changed).values_list("id", "civility", "last_name", "first_name")}  # fmt: skip
    pupils: dict[uuid.UUID, list[str]] = defaultdict(list)
    links = GuardianLink.objects.filter(guardian_id__in=changed).values_list("guardian_id", "student_id")
    names = _student_names({student_id for _guardian, student_id in links})
    for guardian_id, student_id in links:
        pupils[guardian_id].append(names.get(student_id, "?"))
    lines = [
        {
            "name": ", ".join(sorted(pupils[pk])),
            "guardian": guardians.get(pk, "?"),
            "fields": ", ".join(sorted(CONTACT_FIELDS[name] for name in fields)),
        }  # fmt: skip
        for pk, fields in changed.items()
    ]
    return sorted(lines, key=lambda line: (line["name"], line["guardian"]))


def digest_lists(analysis: ImportAnalysis) -> dict[str, Any]:
    return {"structure_changes": structure_changes(analysis), "guardian_changes": guardian_contact_changes(analysis)}
