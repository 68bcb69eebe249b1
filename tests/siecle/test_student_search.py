"""Searching a pupil ignores accents and case, on PostgreSQL (production) and SQLite (make run)."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from establishments.models import Establishment, Organisation
from establishments.school_years import current_school_year
from siecle.models import Student
from siecle.selectors import StudentFilters, student_list

pytestmark = pytest.mark.django_db(databases=["default", "sqlite"])


@pytest.fixture(params=["default", "sqlite"])
def using(request) -> str:
    """PostgreSQL (production), then SQLite (make run)."""
    return request.param


def _school(using: str) -> Establishment:
    organisation = Organisation.objects.using(using).create(name="Collège Jean Moulin")
    establishment = Establishment(organisation=organisation, uai="0691234S", name="Collège Jean Moulin")
    establishment.save(using=using)
    with scopes_disabled():
        for eleve_id, last_name in (("1", "ANDRÉ"), ("2", "ANDRIEU"), ("3", "MARTIN"), ("4", "CŒURDEROY")):
            Student(
                establishment=establishment,
                school_year=current_school_year(),
                eleve_id=eleve_id,
                last_name=last_name,
                first_name="Léa",
            ).save(using=using)
    return establishment


def _found(using: str, search: str) -> list[str]:
    establishment = Establishment.objects.using(using).get()
    with scopes_disabled():
        students = student_list(
            establishment=establishment, school_year=current_school_year(), filters=StudentFilters(search=search)
        )
        return sorted(students.using(using).values_list("last_name", flat=True))


@pytest.mark.parametrize("search", ["André", "andre", "ANDRÉ", "andré"])
def test_it_finds_andre_whatever_the_accents_and_case(using, search):
    _school(using)
    assert _found(using, search) == ["ANDRÉ"]


def test_it_folds_the_first_name_too(using):
    _school(using)
    assert _found(using, "lea martin") == ["MARTIN"]


@pytest.mark.parametrize("search", ["coeur", "cœur"])
def test_it_reads_oe_as_the_ligature(using, search):
    _school(using)
    assert _found(using, search) == ["CŒURDEROY"]
