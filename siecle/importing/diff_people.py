"""Differences for students, guardians, their links and the students' options."""

from __future__ import annotations

import uuid
from typing import Any

from establishments.models import Establishment
from siecle.importing.diffing import changed_fields, diff_keyed
from siecle.importing.incoming import GUARDIAN_FIELDS, LINK_FIELDS, STUDENT_FIELDS, Incoming
from siecle.importing.plan import ImportPlan, StudentHistory
from siecle.importing.stored import stored_by, stored_rows
from siecle.models import Guardian, GuardianLink, Student, StudentChange, StudentOption

STUDENT_COLUMNS = ("eleve_id", *STUDENT_FIELDS, "address_id", "is_active", "missing_from_import")
GUARDIAN_COLUMNS = (*GUARDIAN_FIELDS, "address_id")
HISTORY_NAMES = {"address_id": "address"}  # the pupil now lives at another ADRESSE_ID


def _name(row: dict[str, Any]) -> str:
    return " ".join(part for part in (row["usage_name"] or row["last_name"], row["first_name"]) if part)


def _match_students(stored: list[dict[str, Any]], incoming: Incoming) -> dict[str, dict[str, Any]]:
    """eleve_id of the files → stored row: by ELEVE_ID, then by INE for a stored pupil not in the files."""
    by_eleve_id = {row["eleve_id"]: row for row in stored}
    by_ine = {row["ine"]: row for row in stored if row["ine"] and row["eleve_id"] not in incoming.students}
    matches = {}
    for eleve_id, row in incoming.students.items():
        found = by_eleve_id.get(eleve_id) or (by_ine.pop(row["ine"], None) if row["ine"] else None)
        if found is not None:
            matches[eleve_id] = found
    return matches


def _student_update(plan: ImportPlan, old: dict[str, Any], new: dict[str, Any], counts: dict[str, int]) -> None:
    changed = [HISTORY_NAMES.get(name, name) for name in changed_fields(old, new)]
    if not changed:
        counts["unchanged"] += 1
        return
    changes = plan.table(Student)
    changes.update.append({"id": old["id"], **new})
    changes.update_fields.update(new)
    action = StudentChange.Action.LEFT if old["is_active"] and not new["is_active"] else StudentChange.Action.UPDATED
    counts["left" if action == StudentChange.Action.LEFT else "updated"] += 1
    plan.history.append(StudentHistory(old["id"], action, changed, new["eleve_id"], _name(new)))


def diff_students(
    plan: ImportPlan,
    incoming: Incoming,
    base: dict[str, Any],
    establishment: Establishment,
    address_ids: dict[str, uuid.UUID],
    *,
    keep_existing: bool,
) -> dict[str, uuid.UUID]:
    """Plan the students; returns eleve_id (of the files) → student id."""
    stored = stored_rows(Student, establishment, base["school_year"], STUDENT_COLUMNS)
    plan.address_refs.update((row["id"], row["address_id"]) for row in stored)
    matches = _match_students(stored, incoming)
    counts = {"created": 0, "updated": 0, "left": 0, "unchanged": 0}
    ids: dict[str, uuid.UUID] = {}
    for eleve_id, row in incoming.students.items():
        new = {"eleve_id": eleve_id, **row, "address_id": address_ids.get(incoming.student_address[eleve_id] or "")}
        old = matches.get(eleve_id)
        if old is None:
            ids[eleve_id] = uuid.uuid4()
            plan.table(Student).create.append({"id": ids[eleve_id], **base, **new})
            plan.history.append(StudentHistory(ids[eleve_id], StudentChange.Action.CREATED, [], eleve_id, _name(new)))
            counts["created"] += 1
        else:
            ids[eleve_id] = old["id"]
            _student_update(plan, old, new, counts)
        plan.address_refs[ids[eleve_id]] = new["address_id"]
    if not keep_existing:
        _mark_absent_left(plan, stored, set(ids.values()), counts)
    plan.counts["students"] = counts
    return ids


def _mark_absent_left(
    plan: ImportPlan, stored: list[dict[str, Any]], present: set[uuid.UUID], counts: dict[str, int]
) -> None:
    """A full snapshot: stored pupils absent from the files have left (never deleted)."""
    for old in stored:
        if old["id"] in present or not old["is_active"]:
            continue
        new = {**{name: old[name] for name in STUDENT_COLUMNS}, "is_active": False, "missing_from_import": True}
        _student_update(plan, old, new, counts)


def diff_guardians(
    plan: ImportPlan,
    incoming: Incoming,
    base: dict[str, Any],
    establishment: Establishment,
    address_ids: dict[str, uuid.UUID],
) -> dict[str, uuid.UUID]:
    changes = plan.table(Guardian)
    stored = stored_by(Guardian, establishment, base["school_year"], "person_id", GUARDIAN_COLUMNS)
    plan.address_refs.update((row["id"], row["address_id"]) for row in stored.values())
    rows = {
        person_id: {**row, "address_id": address_ids.get(incoming.person_address[person_id] or "")}
        for person_id, row in incoming.persons.items()
    }
    ids = diff_keyed(changes, stored, rows, base=base, key_columns=lambda key: {"person_id": key})
    plan.address_refs.update((ids[person_id], row["address_id"]) for person_id, row in rows.items())
    plan.counts["guardians"] = {
        "created": len(changes.create),
        "updated": len(changes.update),
        "unchanged": changes.unchanged,
        "skipped": incoming.skipped_persons,
    }
    return ids


def diff_links(
    plan: ImportPlan,
    incoming: Incoming,
    base: dict[str, Any],
    establishment: Establishment,
    student_ids: dict[str, uuid.UUID],
    guardian_ids: dict[str, uuid.UUID],
) -> None:
    """Links of the files' pupils become exactly the file's; other pupils' links stay."""
    changes = plan.table(GuardianLink)
    rows = stored_rows(GuardianLink, establishment, base["school_year"], ("student_id", "guardian_id", *LINK_FIELDS))
    stored = {(row["student_id"], row["guardian_id"]): row for row in rows}
    wanted = {(student_ids[e], guardian_ids[p]): row for (e, p), row in incoming.links.items()}
    diff_keyed(
        changes, stored, wanted, base=base, key_columns=lambda key: {"student_id": key[0], "guardian_id": key[1]}
    )
    owners = set(student_ids.values())
    changes.delete.extend(row["id"] for key, row in stored.items() if key[0] in owners and key not in wanted)
    plan.counts["links"] = {
        "created": len(changes.create),
        "updated": len(changes.update),
        "deleted": len(changes.delete),
        "unchanged": changes.unchanged,
    }


def diff_options(
    plan: ImportPlan,
    incoming: Incoming,
    base: dict[str, Any],
    establishment: Establishment,
    student_ids: dict[str, uuid.UUID],
) -> None:
    changes = plan.table(StudentOption)
    rows = stored_rows(
        StudentOption, establishment, base["school_year"], ("student_id", "subject_code", "modality_code", "rank")
    )
    stored = {(row["student_id"], row["subject_code"], row["modality_code"]): row for row in rows}
    wanted = {(student_ids[e], s, m): row for (e, s, m), row in incoming.options.items()}
    diff_keyed(
        changes,
        stored,
        wanted,
        base=base,
        key_columns=lambda key: {"student_id": key[0], "subject_code": key[1], "modality_code": key[2]},
    )
    owners = set(student_ids.values())
    changes.delete.extend(row["id"] for key, row in stored.items() if key[0] in owners and key not in wanted)
