"""What the files say, as plain row dicts keyed by SIECLE identifiers (no database here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from siecle.formats import Address, ExportKind, GuardianLink, ParsedExport, Person, Student
from siecle.importing.files import LoadedFiles
from siecle.models.addresses import ADDRESS_FIELDS

STUDENT_FIELDS = (
    "elenoet",
    "ine",
    "last_name",
    "usage_name",
    "first_name",
    "first_name2",
    "first_name3",
    "birth_date",
    "birth_country_code",
    "birth_department_code",
    "birth_insee_code",
    "birth_city",
    "sex_code",
    "mef_code",
    "regime_code",
    "status_code",
    "entry_date",
    "exit_date",
    "exit_reason_code",
    "email",
    "mobile_phone",
    "home_phone",
    "work_phone",
)
DATE_FIELDS = frozenset({"birth_date", "entry_date", "exit_date"})
GUARDIAN_FIELDS = (
    "civility",
    "last_name",
    "usage_name",
    "first_name",
    "home_phone",
    "mobile_phone",
    "work_phone",
    "email",
    "profession_code",
)
LINK_FIELDS = (
    "legal_level",
    "legal_rank",
    "relationship_code",
    "pays_fees",
    "contact_priority",
    "receives_aid",
    "houses_student",
)


@dataclass
class Incoming:
    students: dict[str, dict[str, Any]] = field(default_factory=dict)  # eleve_id → row
    persons: dict[str, dict[str, Any]] = field(default_factory=dict)  # person_id → row (linked ones only)
    skipped_persons: int = 0
    links: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (eleve_id, person_id) → row
    divisions: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → {label, mef_codes}
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → {label, mef_codes}
    group_parents: set[tuple[str, str]] = field(default_factory=set)  # (group code, division code)
    division_members: set[tuple[str, str]] = field(default_factory=set)  # (eleve_id, division code)
    group_members: set[tuple[str, str]] = field(default_factory=set)  # (eleve_id, group code)
    options: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    addresses: dict[str, dict[str, Any]] = field(default_factory=dict)  # ADRESSE_ID → row (referenced ones only)
    student_address: dict[str, str | None] = field(default_factory=dict)  # eleve_id → ADRESSE_ID
    person_address: dict[str, str | None] = field(default_factory=dict)  # person_id → ADRESSE_ID
    warnings: list[str] = field(default_factory=list)


def _text(value: str | None) -> str:
    return value or ""


def address_row(address: Address) -> dict[str, str | None]:
    return {name: getattr(address, name) for name in ADDRESS_FIELDS}


def _address_key(incoming: Incoming, parsed: ParsedExport, address_id: str | None, label: str) -> str | None:
    """Keep the ADDRESS a stored pupil or person points to; returns its ADRESSE_ID (None when absent)."""
    address = parsed.addresses.get(address_id or "")
    if address is None:
        return None
    row = address_row(address)
    known = incoming.addresses.setdefault(address.address_id, row)
    if known != row:  # the same ADRESSE_ID described otherwise in the other file: the later file wins
        incoming.warnings.append(
            f"{label} : ADRESSE_ID {address.address_id} diffère du fichier Élèves, "
            "l'adresse du fichier Responsables est gardée."
        )
        incoming.addresses[address.address_id] = row
    return address.address_id


def student_row(student: Student, reference: dt.date) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in STUDENT_FIELDS:
        value = getattr(student, name)
        row[name] = value if name in DATE_FIELDS else _text(value)
    row["is_active"] = not student.has_left(reference)
    row["missing_from_import"] = False
    return row


def person_row(person: Person) -> dict[str, Any]:
    return {name: _text(getattr(person, name)) for name in GUARDIAN_FIELDS}


def link_row(link: GuardianLink) -> dict[str, Any]:
    row = {name: getattr(link, name) for name in LINK_FIELDS}
    row["relationship_code"] = _text(link.relationship_code)
    return row


def _issues(parsed: ParsedExport, label: str) -> list[str]:
    return [f"{label} : {issue.message}" for issue in (*parsed.report.errors, *parsed.report.warnings)]


def _read_students(incoming: Incoming, eleves: ParsedExport) -> None:
    reference = eleves.envelope.reference_date or dt.date.today()
    seen_ine: dict[str, str] = {}
    for student in eleves.students:
        row = student_row(student, reference)
        if student.eleve_id in incoming.students:
            incoming.warnings.append(
                f"Élèves : ELEVE_ID {student.eleve_id} en double, seule la dernière fiche est gardée."
            )
        if row["ine"] and seen_ine.setdefault(row["ine"], student.eleve_id) != student.eleve_id:
            incoming.warnings.append(f"Élèves : INE {row['ine']} porté par plusieurs élèves ({student.display_name}).")
        incoming.students[student.eleve_id] = row
        incoming.student_address[student.eleve_id] = _address_key(incoming, eleves, student.address_id, "Élèves")


def _read_structures_of_students(incoming: Incoming, eleves: ParsedExport) -> None:
    for block in eleves.structures:
        if block.eleve_id not in incoming.students:
            continue
        incoming.division_members.update((block.eleve_id, code) for code in block.divisions)
        incoming.group_members.update((block.eleve_id, code) for code in block.groups)
        for code in block.divisions:
            incoming.divisions.setdefault(code, {"label": None, "mef_codes": None})


def _read_options(incoming: Incoming, eleves: ParsedExport) -> None:
    for option in eleves.options:
        if option.eleve_id in incoming.students and option.subject_code:
            key = (option.eleve_id, option.subject_code, _text(option.modality_code))
            incoming.options[key] = {"rank": option.rank}


def _read_responsables(incoming: Incoming, parsed: ParsedExport) -> None:
    linked: set[str] = set()
    for link in parsed.links:
        if link.eleve_id in incoming.students and link.person_id in parsed.persons:
            incoming.links[(link.eleve_id, link.person_id)] = link_row(link)
            linked.add(link.person_id)
    for person_id, person in parsed.persons.items():
        if person_id in linked:
            incoming.persons[person_id] = person_row(person)
            incoming.person_address[person_id] = _address_key(incoming, parsed, person.address_id, "Responsables")
    incoming.skipped_persons = len(parsed.persons) - len(incoming.persons)


def _read_structures_file(incoming: Incoming, parsed: ParsedExport, with_groups: bool) -> None:
    for code, division in parsed.divisions.items():
        incoming.divisions[code] = {"label": _text(division.label), "mef_codes": list(division.mef_codes)}
    for code, group in parsed.groups.items():
        incoming.groups[code] = {"label": _text(group.label), "mef_codes": list(group.mef_codes)}
        incoming.group_parents.update((code, parent) for parent in group.division_codes)
    for _group, parent in incoming.group_parents:
        incoming.divisions.setdefault(parent, {"label": None, "mef_codes": None})


def read_incoming(loaded: LoadedFiles, *, with_groups: bool, with_nomenclatures: bool) -> Incoming:
    incoming = Incoming()
    eleves = loaded.by_kind[ExportKind.ELEVES]
    incoming.warnings.extend(_issues(eleves, "Élèves"))
    _read_students(incoming, eleves)
    _read_structures_of_students(incoming, eleves)
    if with_nomenclatures:
        _read_options(incoming, eleves)
    if (structures := loaded.get(ExportKind.STRUCTURES)) is not None:
        incoming.warnings.extend(_issues(structures, "Structures"))
        _read_structures_file(incoming, structures, with_groups)
    if with_groups:
        for _eleve_id, code in incoming.group_members:
            incoming.groups.setdefault(code, {"label": None, "mef_codes": None})
    else:
        incoming.group_members.clear()
    if (responsables := loaded.get(ExportKind.RESPONSABLES)) is not None:
        incoming.warnings.extend(_issues(responsables, "Responsables"))
        _read_responsables(incoming, responsables)
    referenced = {*incoming.student_address.values(), *incoming.person_address.values()}
    incoming.addresses = {key: row for key, row in incoming.addresses.items() if key in referenced}
    return incoming
