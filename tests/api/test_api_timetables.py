"""Teachers, rooms and the courses of a week, through the timetables app's selectors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.timetables.factories import CourseFactory, RoomFactory, TeacherFactory, WeekPatternFactory

pytestmark = pytest.mark.django_db


def _url(name: str, establishment) -> str:
    return reverse(f"api:{name}", kwargs={"uai": establishment.uai})


def test_it_lists_the_teachers(api_for, concepteur_user, cite_college):
    TeacherFactory(establishment=cite_college, last_name="Durand")
    rows = api_for(concepteur_user).get(_url("teachers", cite_college)).json()
    assert [row["last_name"] for row in rows] == ["Durand"]


def test_it_lists_the_rooms(api_for, admin_user, cite_college, cite_lycee):
    RoomFactory(establishment=cite_college, code="B12")
    RoomFactory(establishment=cite_lycee, code="L01")
    rows = api_for(admin_user).get(_url("rooms", cite_college)).json()
    assert [row["code"] for row in rows] == ["B12"]


def test_it_lists_the_courses_of_the_requested_week_only(api_for, admin_user, cite_college):
    week_a = WeekPatternFactory(establishment=cite_college, code="A", weeks=["2026-09-07", "2026-09-21"])
    week_b = WeekPatternFactory(establishment=cite_college, code="B", weeks=["2026-09-14"])
    CourseFactory(establishment=cite_college, week_pattern=week_a, starts_at=dt.time(10, 0))
    CourseFactory(establishment=cite_college, week_pattern=week_b, starts_at=dt.time(8, 0))
    rows = api_for(admin_user).get(_url("courses", cite_college), {"week": "2026-09-09"}).json()
    assert [(row["week_pattern"]["code"], row["starts_at"]) for row in rows] == [("A", "10:00")]


def test_it_gives_each_course_its_teachers_and_classes(api_for, admin_user, cite_college):
    teacher = TeacherFactory(establishment=cite_college, last_name="Martin")
    course = CourseFactory(establishment=cite_college, teachers=[teacher])
    row = api_for(admin_user).get(_url("courses", cite_college), {"week": course.week_pattern.weeks[0]}).json()[0]
    assert ([t["last_name"] for t in row["teachers"]], len(row["divisions"])) == (["Martin"], 1)


def test_it_refuses_a_week_that_is_not_a_date(api_for, admin_user, cite_college):
    body = api_for(admin_user).get(_url("courses", cite_college), {"week": "semaine 37"}).json()
    assert (body["code"], list(body["fields"])) == ("invalid", ["week"])


def test_it_takes_this_week_when_none_is_given(api_for, admin_user, cite_college):
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    CourseFactory(
        establishment=cite_college,
        week_pattern=WeekPatternFactory(establishment=cite_college, weeks=[monday.isoformat()]),
    )
    assert len(api_for(admin_user).get(_url("courses", cite_college)).json()) == 1
