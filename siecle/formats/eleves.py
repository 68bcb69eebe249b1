"""BEE_ELEVES reader: ElevesAvecAdresses / ElevesSansAdresses, VERSION 2.x and 3.0 (§3)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from siecle.formats.base import (
    NO_RECORDS,
    KindReader,
    bad_values_detail,
    lost_character_detail,
    lost_character_fields,
    pupil_issue,
)
from siecle.formats.fields import (
    ADDRESS_FIELDS,
    DATE_FIELDS_BLOCKING,
    LEGACY_LAST_NAME,
    OPTION_LINE_FIELDS,
    PREVIOUS_SCHOOLING_FIELDS,
    STUDENT_FIELDS,
)
from siecle.formats.issues import Severity
from siecle.formats.records import (
    Address,
    PreviousSchooling,
    Record,
    Student,
    StudentGrants,
    StudentOption,
    StudentStructures,
)
from siecle.formats.xmlstream import Element, attribute, clean, read_fields, tag_of

ERROR, WARNING = Severity.ERROR, Severity.WARNING
# RNIE, BEA and apprenticeship INE shapes (§7.2); the check key is not verified.
STUDENT_NAME_FIELDS = {
    "last_name": "NOM_DE_FAMILLE",
    "usage_name": "NOM_USAGE",
    "first_name": "PRENOM",
    "first_name2": "PRENOM2",
    "first_name3": "PRENOM3",
}
INE_SHAPE = re.compile(r"^(?:\d{9}[A-Z]{2}|\d{10}[A-Z]|\d{4}A\d{5}[A-Z])$")


class ElevesReader(KindReader):
    tags = ("ELEVE", "OPTION", "STRUCTURES_ELEVE", "BOURSE", "ADRESSE")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # ELEVE_ID → (INE, name): lets later sections name the pupil in their issues.
        self.pupils: dict[str, tuple[str | None, str]] = {}
        self.ines: dict[str, str] = {}
        self.placed: set[str] = set()
        self.address_ids: set[str] = set()
        # ELEVE_ID of refused pupils: their later blocks are dropped without a second report.
        self.refused: set[str] = set()

    def count_keys(self) -> tuple[str, ...]:
        return (
            "students",
            "current_students",
            "rejected_students",
            "students_without_ine",
            "options",
            "structures",
            "addresses",
        )

    def handle(self, element: Element) -> Iterable[Record]:
        tag = element.tag
        if tag == "ELEVE":
            return self._student(element)
        if tag == "OPTION":
            return self._options(element)
        if tag == "STRUCTURES_ELEVE":
            return self._structures(element)
        if tag == "BOURSE":
            return self._grants(element)
        return self._address(element)

    # ELEVE -----------------------------------------------------------------------------
    def _student(self, element: Element) -> Iterable[Record]:
        self.counts["students"] += 1
        values, bad = read_fields(element, STUDENT_FIELDS)
        self._complete(element, values)
        eleve_id = values.get("eleve_id")
        where: dict[str, Any] = {
            "eleve_id": eleve_id,
            "ine": values.get("ine"),
            "line": element.sourceline,
            "name": _name(values),
        }
        problem = self._blocking_problem(values, bad)
        if problem is not None:
            self.counts["rejected_students"] += 1
            pupil_issue(self.report, ERROR, problem[0], problem[1], **where)
            if eleve_id is not None and eleve_id not in self.pupils:
                self.refused.add(eleve_id)
            return NO_RECORDS
        if bad:
            pupil_issue(self.report, WARNING, "INVALID_VALUE", bad_values_detail(bad), **where)
        student = Student(**values)
        self._accept(student, where)
        return (student,)

    def _complete(self, element: Element, values: dict[str, Any]) -> None:
        values["eleve_id"] = attribute(element, "ELEVE_ID")
        values["elenoet"] = attribute(element, "ELENOET") or values.get("elenoet_element")
        legacy = values.pop(LEGACY_LAST_NAME, None)
        if "last_name" not in values and legacy is not None:
            values["last_name"] = legacy
        previous = element.find("SCOLARITE_AN_DERNIER")
        if previous is not None:
            fields, _bad = read_fields(previous, PREVIOUS_SCHOOLING_FIELDS)
            values["previous_schooling"] = PreviousSchooling(**fields) if fields else None

    def _blocking_problem(self, values: dict[str, Any], bad: list[tuple[str, str]]) -> tuple[str, str] | None:
        eleve_id, ine = values.get("eleve_id"), values.get("ine")
        if eleve_id is None:
            return "MISSING_ELEVE_ID", "attribut ELEVE_ID absent : fiche ignorée."
        if eleve_id in self.pupils:
            return "DUPLICATE_ELEVE_ID", "ELEVE_ID présent deux fois dans le fichier : seconde fiche ignorée."
        if not values.get("last_name") or not values.get("first_name"):
            return "MISSING_NAME", "nom ou prénom manquant : fiche ignorée."
        blocking = [(tag, text) for tag, text in bad if tag in DATE_FIELDS_BLOCKING]
        if blocking:
            tag, text = blocking[0]
            bad.remove(blocking[0])
            return "INVALID_DATE", f"{tag} « {text} » n'est pas une date JJ/MM/AAAA : fiche ignorée."
        if ine is not None and ine in self.ines:
            return "DUPLICATE_INE", (
                f"INE déjà porté par l'élève ELEVE_ID {self.ines[ine]} dans ce fichier : seconde fiche ignorée."
            )
        return None

    def _accept(self, student: Student, where: dict[str, Any]) -> None:
        self.pupils[student.eleve_id] = (student.ine, student.display_name)
        if student.ine is None:
            self.counts["students_without_ine"] += 1
            pupil_issue(
                self.report, WARNING, "MISSING_INE", "pas d'INE (nouvel arrivant ?) : importé sans INE.", **where
            )
        else:
            self.ines[student.ine] = student.eleve_id
            if not INE_SHAPE.match(student.ine):
                pupil_issue(
                    self.report, WARNING, "INVALID_INE", f"INE « {student.ine} » de forme inhabituelle.", **where
                )
        if student.birth_date is None:
            pupil_issue(self.report, WARNING, "MISSING_BIRTH_DATE", "date de naissance manquante.", **where)
        if student.sex_code is None:
            pupil_issue(self.report, WARNING, "MISSING_SEX", "sexe (CODE_SEXE) manquant.", **where)
        lost = lost_character_fields(student, STUDENT_NAME_FIELDS)
        if lost:
            pupil_issue(self.report, WARNING, "LOST_CHARACTER", lost_character_detail(lost), **where)
        if not student.has_left(self.reference_date):
            self.counts["current_students"] += 1

    # OPTIONS, STRUCTURES, BOURSES ---------------------------------------------------------
    def _pupil_where(self, element: Element) -> dict[str, Any] | None:
        eleve_id = attribute(element, "ELEVE_ID")
        ine, name = self.pupils.get(eleve_id or "", (None, None))
        where: dict[str, Any] = {"eleve_id": eleve_id, "ine": ine, "name": name, "line": element.sourceline}
        if eleve_id is None:
            pupil_issue(
                self.report,
                ERROR,
                "MISSING_ELEVE_ID",
                f"{tag_of(element)} sans attribut ELEVE_ID : bloc ignoré.",
                **where,
            )
            return None
        if eleve_id in self.refused:
            return None  # the pupil's own refusal was reported; this block goes with it
        if eleve_id not in self.pupils:
            pupil_issue(
                self.report,
                WARNING,
                "UNKNOWN_STUDENT",
                f"{tag_of(element)} pour un élève absent de la liste ELEVES.",
                **where,
            )
        return where

    def _options(self, element: Element) -> Iterable[Record]:
        where = self._pupil_where(element)
        if where is None:
            return NO_RECORDS
        options = []
        for line in element.iterfind("OPTIONS_ELEVE"):
            values, bad = read_fields(line, OPTION_LINE_FIELDS)
            if bad:
                pupil_issue(self.report, WARNING, "INVALID_VALUE", bad_values_detail(bad), **where)
            options.append(
                StudentOption(
                    eleve_id=where["eleve_id"],
                    rank=values.get("rank"),
                    modality_code=values.get("modality_code"),
                    subject_code=values.get("subject_code"),
                )
            )
        self.counts["options"] += len(options)
        return options

    def _structures(self, element: Element) -> Iterable[Record]:
        where = self._pupil_where(element)
        if where is None:
            return NO_RECORDS
        if where["eleve_id"] in self.placed:
            pupil_issue(
                self.report,
                ERROR,
                "DUPLICATE_STRUCTURES",
                "élève présent dans deux blocs STRUCTURES_ELEVE : second bloc ignoré.",
                **where,
            )
            return NO_RECORDS
        self.placed.add(where["eleve_id"])
        divisions, groups = _memberships(element)
        if len(divisions) > 1:
            pupil_issue(
                self.report,
                WARNING,
                "SEVERAL_DIVISIONS",
                f"plusieurs divisions ({', '.join(divisions)}) : la première est retenue.",
                **where,
            )
        self.counts["structures"] += 1
        return (StudentStructures(where["eleve_id"], divisions, groups),)

    def _grants(self, element: Element) -> Iterable[Record]:
        where = self._pupil_where(element)
        if where is None:
            return NO_RECORDS
        codes = tuple(text for text in (clean(c.text) for c in element.iterfind("CODE_BOURSE")) if text)
        self.counts["grants"] += 1
        return (StudentGrants(where["eleve_id"], codes),)

    def _address(self, element: Element) -> Iterable[Record]:
        address = read_address(element, self.report, self.address_ids)
        if address is None:
            return NO_RECORDS
        self.counts["addresses"] += 1
        return (address,)


def _name(values: dict[str, Any]) -> str | None:
    parts = [values.get("usage_name") or values.get("last_name"), values.get("first_name")]
    return " ".join(part for part in parts if part) or None


def _memberships(element: Element) -> tuple[tuple[str, ...], tuple[str, ...]]:
    divisions: list[str] = []
    groups: list[str] = []
    for structure in element.iterchildren("STRUCTURE"):
        parts = {child.tag: child.text for child in structure}
        code = clean(parts.get("CODE_STRUCTURE"))
        if code is None:
            continue
        (groups if clean(parts.get("TYPE_STRUCTURE")) == "G" else divisions).append(code)
    return tuple(divisions), tuple(groups)


def read_address(element: Element, report: Any, seen: set[str]) -> Address | None:
    """ADRESSE @ADRESSE_ID, shared by the Eleves and Responsables readers."""
    address_id = attribute(element, "ADRESSE_ID")
    if address_id is None:
        report.error("MISSING_ADRESSE_ID", "Adresse sans attribut ADRESSE_ID : ignorée.", line=element.sourceline)
        return None
    if address_id in seen:
        report.error(
            "DUPLICATE_ADRESSE_ID",
            f"ADRESSE_ID {address_id} présent deux fois : seconde adresse ignorée.",
            line=element.sourceline,
        )
        return None
    seen.add(address_id)
    values, _bad = read_fields(element, ADDRESS_FIELDS)
    return Address(address_id=address_id, **values)
