"""Reads for the SIECLE pages. Every lookup is filtered on the establishment explicitly (404 otherwise)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from establishments.models import Establishment
from establishments.school_years import current_school_year, school_year_label

if TYPE_CHECKING:  # the middleware module imports selectors
    from establishments.middleware import EstablishmentRequest
from siecle.models import (
    CodeLabel,
    Division,
    Group,
    GuardianLink,
    ImportRun,
    Mef,
    Student,
    StudentChange,
    StudentDivision,
    StudentOption,
    Subject,
)
from siecle.search import FoldedText, fold

# CODE_PARENTE since 2018 (FORMATS-SIECLE-BEE §4.3), when no nomenclature was imported.
RELATIONSHIP_LABELS = {
    "10": "Mère",
    "20": "Père",
    "37": "Frère ou sœur",
    "38": "Ascendant",
    "39": "Autre membre de la famille",
    "41": "Éducateur",
    "42": "Assistant familial",
    "50": "Tuteur",
    "51": "Aide sociale à l'enfance",
    "70": "Élève lui-même",
    "90": "Autre lien",
}
LEGAL_LEVELS = {1: "Représentant légal", 2: "Personne en charge", 3: "Personne à contacter"}
STATUS_FILTERS = {"presents": Q(is_active=True), "sortis": Q(is_active=False)}


@dataclass(frozen=True)
class StudentFilters:
    search: str = ""
    division_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    status: str = "presents"  # presents, sortis, tous


def student_list(*, establishment: Establishment, school_year: int, filters: StudentFilters) -> QuerySet[Student]:
    students = Student.objects.filter(establishment=establishment, school_year=school_year)
    if filters.search:
        students = students.annotate(
            folded_last=FoldedText("last_name"),
            folded_usage=FoldedText("usage_name"),
            folded_first=FoldedText("first_name"),
        )
        for word in filters.search.split():
            folded = fold(word)
            students = students.filter(
                Q(folded_last__contains=folded)
                | Q(folded_usage__contains=folded)
                | Q(folded_first__contains=folded)
                | Q(ine__iexact=word)
            )
    if filters.division_id:
        students = students.filter(division_memberships__division_id=filters.division_id)
    if filters.group_id:
        students = students.filter(group_memberships__group_id=filters.group_id)
    if filters.status in STATUS_FILTERS:
        students = students.filter(STATUS_FILTERS[filters.status])
    if filters.division_id or filters.group_id:
        students = students.distinct()  # only the membership joins can repeat a pupil
    return students.prefetch_related("division_memberships__division")


def student_division_refs(
    *, establishment: Establishment, student_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[uuid.UUID, str]]]:
    """Each pupil's divisions as (id, code), in one query: for a page of pupils this is several times
    cheaper than ``prefetch_related``, which builds one queryset per pupil."""
    rows = (
        StudentDivision.objects.filter(establishment=establishment, student_id__in=list(student_ids))
        .order_by("division__code")
        .values_list("student_id", "division_id", "division__code")
    )
    found: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {}
    for student_id, division_id, code in rows:
        found.setdefault(student_id, []).append((division_id, code))
    return found


def student_get(*, establishment: Establishment, student_id: uuid.UUID) -> Student:
    student = Student.objects.filter(establishment=establishment, pk=student_id).select_related("address").first()
    if student is None:
        raise Http404("Élève inconnu.")
    return student


def code_labels(*, establishment: Establishment, school_year: int, table: str) -> dict[str, str]:
    rows = CodeLabel.objects.filter(establishment=establishment, school_year=school_year, table=table)
    return {row.code: row.label for row in rows}


def _labels(model: type[Mef] | type[Subject], establishment: Establishment, school_year: int) -> dict[str, str]:
    return {row.code: row.label for row in model.objects.filter(establishment=establishment, school_year=school_year)}


def student_page_data(*, student: Student) -> dict[str, Any]:
    """Everything the student's page shows, labels resolved from the imported nomenclature when present."""
    est, year = student.establishment, student.school_year
    relationships = {**RELATIONSHIP_LABELS, **code_labels(establishment=est, school_year=year, table="LIENS_PARENTE")}
    subjects = _labels(Subject, est, year)
    modalities = code_labels(establishment=est, school_year=year, table="MODALITES_ELECTION")
    links = GuardianLink.objects.filter(establishment=est, student=student).select_related("guardian__address")
    options = StudentOption.objects.filter(establishment=est, student=student)
    return {
        "mef_label": _labels(Mef, est, year).get(student.mef_code, student.mef_code),
        "regime_label": code_labels(establishment=est, school_year=year, table="REGIMES").get(
            student.regime_code, student.regime_code
        ),
        "exit_reason_label": code_labels(establishment=est, school_year=year, table="MOTIFS_SORTIE").get(
            student.exit_reason_code, student.exit_reason_code
        ),
        "guardians": [
            {
                "link": link,
                "guardian": link.guardian,
                "legal_label": LEGAL_LEVELS.get(link.legal_level or 0, ""),
                "relationship_label": relationships.get(link.relationship_code, link.relationship_code),
                "address_note": note,
            }
            for link, note in zip(links, _shared_address_notes(student, links), strict=True)
        ],
        "options": [
            {
                "option": option,
                "subject_label": subjects.get(option.subject_code, option.subject_code),
                "modality_label": modalities.get(option.modality_code, option.modality_code),
            }
            for option in options
        ],
        "divisions": Division.objects.filter(establishment=est, memberships__student=student),
        "groups": Group.objects.filter(establishment=est, memberships__student=student),
        "history": StudentChange.objects.filter(establishment=est, student=student)
        .select_related("run")
        .order_by("-run__created_at"),
    }


def _shared_address_notes(student: Student, links: Iterable[GuardianLink]) -> list[str]:
    """Per guardian: whom they share their address with (one stored ADRESSE_ID), for the student's page."""
    seen: dict[uuid.UUID, str] = {student.address_id: "l'élève"} if student.address_id else {}
    notes = []
    for link in links:
        address_id = link.guardian.address_id
        notes.append(f"même adresse que {seen[address_id]}" if address_id in seen else "")
        if address_id:
            seen.setdefault(address_id, link.guardian.display_name)
    return notes


def structure_list(*, establishment: Establishment, school_year: int) -> dict[str, QuerySet[Any]]:
    active = Q(memberships__student__is_active=True)
    return {
        "divisions": Division.objects.filter(establishment=establishment, school_year=school_year).annotate(
            member_count=Count("memberships", filter=active)
        ),
        "groups": Group.objects.filter(establishment=establishment, school_year=school_year)
        .annotate(member_count=Count("memberships", filter=active))
        .prefetch_related("divisions"),
    }


def structure_get(*, establishment: Establishment, structure_id: uuid.UUID) -> Division | Group:
    found: Division | Group | None = Division.objects.filter(establishment=establishment, pk=structure_id).first()
    found = found or Group.objects.filter(establishment=establishment, pk=structure_id).first()
    if found is None:
        raise Http404("Division ou groupe inconnu.")
    return found


def structure_members(*, structure: Division | Group) -> QuerySet[Student]:
    return Student.objects.filter(
        establishment=structure.establishment,
        **{f"{structure._meta.model_name}_memberships__{structure._meta.model_name}": structure},
    ).order_by("-is_active", "last_name", "first_name")


def student_division_choices(*, establishment: Establishment, school_year: int) -> dict[str, QuerySet[Any]]:
    return {
        "divisions": Division.objects.filter(establishment=establishment, school_year=school_year),
        "groups": Group.objects.filter(establishment=establishment, school_year=school_year),
    }


def import_todo(request: EstablishmentRequest) -> list[str]:
    """For the establishment's home: no SIECLE import yet for the current school year."""
    establishment, year = request.establishment, current_school_year()
    if ImportRun.objects.filter(establishment=establishment, school_year=year).exists():
        return []
    who = "importez-les" if request.membership.is_administrateur else "un administrateur doit d'abord les importer"
    return [f"Aucun import SIECLE pour {school_year_label(year)} : les élèves de cette année manquent ; {who}."]
