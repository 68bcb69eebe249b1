"""Differences for divisions, groups, memberships and the nomenclature tables."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

from establishments.models import Establishment
from siecle.formats import ExportKind
from siecle.importing.diffing import diff_keyed, diff_pairs
from siecle.importing.files import LoadedFiles
from siecle.importing.incoming import Incoming
from siecle.importing.plan import ImportPlan
from siecle.importing.stored import id_pairs, stored_by
from siecle.models import (
    CodeLabel,
    Division,
    Group,
    GroupDivision,
    Mef,
    Programme,
    StudentDivision,
    StudentGroup,
    Subject,
)

STRUCTURE_FIELDS = ("label", "mef_codes")
EMPTY_STRUCTURE = {"label": "", "mef_codes": []}


def _diff_structures(
    plan: ImportPlan,
    model: type[Division] | type[Group],
    incoming: dict[str, dict[str, Any]],
    base: dict[str, Any],
    establishment: Establishment,
) -> dict[str, uuid.UUID]:
    """A structure only named by a pupil's STRUCTURES_ELEVE (values None) is created bare, never blanked."""
    stored = stored_by(model, establishment, base["school_year"], "code", STRUCTURE_FIELDS)
    rows = {}
    for code, row in incoming.items():
        known = {name: value for name, value in row.items() if value is not None}
        rows[code] = known if code in stored else {**EMPTY_STRUCTURE, **known}
    changes = plan.table(model)
    ids = diff_keyed(changes, stored, rows, base=base, key_columns=lambda code: {"code": code})
    plan.counts[f"{model._meta.model_name}s"] = {
        "created": len(changes.create),
        "unchanged": len(rows) - len(changes.create),
    }
    return {**{code: row["id"] for code, row in stored.items()}, **ids}


def diff_structures(
    plan: ImportPlan,
    incoming: Incoming,
    base: dict[str, Any],
    establishment: Establishment,
    student_ids: dict[str, uuid.UUID],
    *,
    with_groups: bool,
) -> None:
    year = base["school_year"]
    division_ids = _diff_structures(plan, Division, incoming.divisions, base, establishment)
    group_ids = _diff_structures(plan, Group, incoming.groups, base, establishment)
    owners = set(student_ids.values())
    diff_pairs(
        plan.table(StudentDivision),
        id_pairs(StudentDivision, establishment, year, "student_id", "division_id"),
        ((student_ids[e], division_ids[c]) for e, c in incoming.division_members),
        owners=owners,
        base=base,
        columns=("student_id", "division_id"),
    )
    if with_groups:
        diff_pairs(
            plan.table(StudentGroup),
            id_pairs(StudentGroup, establishment, year, "student_id", "group_id"),
            ((student_ids[e], group_ids[c]) for e, c in incoming.group_members),
            owners=owners,
            base=base,
            columns=("student_id", "group_id"),
        )
    described = {code for code, row in incoming.groups.items() if row["label"] is not None}
    diff_pairs(
        plan.table(GroupDivision),
        id_pairs(GroupDivision, establishment, year, "group_id", "division_id"),
        ((group_ids[g], division_ids[d]) for g, d in incoming.group_parents),
        owners={group_ids[code] for code in described},
        base=base,
        columns=("group_id", "division_id"),
    )


def _text(value: Any) -> Any:
    return "" if value is None else value


def _nomenclature_rows(loaded: LoadedFiles) -> dict[type, dict[Any, dict[str, Any]]]:
    parsed = loaded.by_kind[ExportKind.NOMENCLATURES]
    mef_fields = ("formation", "speciality", "long_label", "edition_label", "attached_mef")
    subject_fields = ("management_code", "short_label", "long_label", "edition_label")
    return {
        Mef: {code: {f: _text(getattr(m, f)) for f in mef_fields} for code, m in parsed.mefs.items()},
        Subject: {code: {f: _text(getattr(s, f)) for f in subject_fields} for code, s in parsed.subjects.items()},
        Programme: {
            (p.mef_code, p.subject_code, _text(p.modality_code)): {"hours": p.hours}
            for p in parsed.programmes
            if p.mef_code and p.subject_code
        },
        CodeLabel: {
            (table, code): {"short_label": _text(entry.short_label), "long_label": _text(entry.long_label)}
            for table, entries in parsed.code_tables.items()
            for code, entry in entries.items()
        },
    }


NOMENCLATURE_KEYS: dict[type, tuple[str, ...]] = {
    Mef: ("code",),
    Subject: ("code",),
    Programme: ("mef_code", "subject_code", "modality_code"),
    CodeLabel: ("table", "code"),
}


def diff_nomenclatures(
    plan: ImportPlan, loaded: LoadedFiles, base: dict[str, Any], establishment: Establishment
) -> None:
    """Entries are added or updated, never deleted: old records may still name a closed code."""
    for model, rows in _nomenclature_rows(loaded).items():
        keys = NOMENCLATURE_KEYS[model]
        fields = next(iter(rows.values())).keys() if rows else ()
        stored_list = stored_by(model, establishment, base["school_year"], "id", (*keys, *fields)).values()
        stored = {_key(row, keys): row for row in stored_list}
        diff_keyed(plan.table(model), stored, rows, base=base, key_columns=partial(_columns, keys=keys))


def _key(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)


def _columns(key: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    return {keys[0]: key} if len(keys) == 1 else dict(zip(keys, key, strict=True))
