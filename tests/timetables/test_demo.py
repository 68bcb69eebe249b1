"""The demo timetable: realistic size, some fortnightly courses, services matching the courses, no conflict."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from siecle.formats.generator import generate_set
from timetables import selectors
from timetables.demo import DEMO_SEED, DEMO_STUDENTS, demo_timetable
from timetables.models import Course, Teacher

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def demo(cite_college):
    demo_timetable(establishment=cite_college, school_year=YEAR)
    with scopes_disabled():
        yield cite_college


def test_it_gives_about_600_weekly_courses(demo):
    assert 550 <= Course.objects.filter(establishment=demo).count() <= 650


def test_it_gives_about_40_teachers(demo):
    assert 35 <= Teacher.objects.filter(establishment=demo).count() <= 50


def test_it_uses_the_divisions_of_the_generated_pupils(demo):
    expected = set(generate_set(uai=demo.uai, year=YEAR, students=DEMO_STUDENTS, seed=DEMO_SEED).divisions)
    assert set(selectors.divisions(establishment=demo, school_year=YEAR).values_list("code", flat=True)) == expected


def test_it_has_week_a_and_week_b_courses(demo):
    presets = set(Course.objects.filter(establishment=demo).values_list("week_pattern__preset", flat=True))
    assert presets == {"all", "A", "B"}


def test_it_has_no_conflict(demo):
    assert selectors.conflicts(establishment=demo, school_year=YEAR) == []


def test_it_has_services_matching_the_courses(demo):
    rows = selectors.service_rows(establishment=demo, school_year=YEAR)
    assert rows
    assert [row for row in rows if row.gap] == []


def test_it_keeps_the_courses_on_a_second_run(demo):
    before = Course.objects.filter(establishment=demo).count()
    demo_timetable(establishment=demo, school_year=YEAR)
    assert Course.objects.filter(establishment=demo).count() == before
