"""From the database to the files: STS services without courses, and the same data giving the same bytes."""

from __future__ import annotations

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from establishments.scoping import establishment_scope
from exports.formats import read_edt_sts
from exports.services import export_generate
from tests.exports.helpers import build_sample
from timetables.models import Service

pytestmark = pytest.mark.django_db
YEAR = current_school_year()


def generate(establishment, target: str) -> bytes | None:
    with establishment_scope(establishment):
        return export_generate(
            establishment=establishment, school_year=YEAR, target=target, today=dt.date(YEAR, 10, 1)
        ).content


def test_it_names_the_teacher_of_an_sts_service_without_courses(cite_college):
    sample = build_sample(cite_college, YEAR)
    with scopes_disabled():
        Service.objects.create(
            establishment=cite_college,
            school_year=YEAR,
            teacher=sample.teachers[1],
            subject=sample.subjects[1],
            division=sample.divisions[1],
        )
    division = read_edt_sts(generate(cite_college, "sts-web")).divisions[1]
    spanish = next(service for service in division.services if service.subject_code == "030602")
    assert [(t.sts_id, t.courses) for t in spanish.teachers] == [("20048", ())]


@pytest.mark.parametrize("target", ["sts-web", "siecle-bee", "vie-etablissement"])
def test_it_gives_the_same_bytes_twice(cite_college, target):
    build_sample(cite_college, YEAR)
    assert generate(cite_college, target) == generate(cite_college, target)
