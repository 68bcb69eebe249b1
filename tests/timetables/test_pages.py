"""The « Emploi du temps » pages: who reads, who writes, and conflicts shown where they happen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from tests.siecle.factories import DivisionFactory
from tests.timetables.factories import CourseFactory, TeacherFactory
from timetables.calendar import calendar_ensure
from timetables.models import Course, Room, WeekPattern

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped():
    """Test set-up and assertions read across the establishment; each request still runs in its own scope."""
    with scopes_disabled():
        yield


@pytest.fixture
def year():
    return current_school_year()


@pytest.fixture
def course(cite_college, year):
    calendar_ensure(establishment=cite_college, school_year=year)
    return CourseFactory(establishment=cite_college, school_year=year, starts_at=dt.time(9, 0))


def _url(name, establishment, **kwargs):
    return reverse(f"timetables:{name}", kwargs={"uai": establishment.uai, **kwargs})


def test_it_lists_emploi_du_temps_in_the_menu(client_for, concepteur_user, cite_college):
    response = client_for(concepteur_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    assert "Emploi du temps" in response.text


def test_it_shows_a_division_grid_with_its_course(client_for, admin_user, cite_college, course):
    division = course.divisions.first()
    response = client_for(admin_user).get(_url("division", cite_college, division_id=division.pk))
    assert response.status_code == 200
    assert f'data-course="{course.pk}"' in response.text


def test_it_shows_the_print_view(client_for, admin_user, cite_college, course):
    teacher = course.teachers.first()
    response = client_for(admin_user).get(_url("teacher", cite_college, teacher_id=teacher.pk) + "?impression=1")
    assert "tt-print" in response.text


def test_it_lets_a_concepteur_move_a_course(client_for, concepteur_user, cite_college, course):
    url = _url("course_move", cite_college, course_id=course.pk)
    response = client_for(concepteur_user).post(url, {"weekday": "2", "starts_at": "10:00"})
    assert response.status_code == 302
    with scopes_disabled():
        course.refresh_from_db()
    assert (course.weekday, course.starts_at) == (2, dt.time(10, 0))


def test_it_lets_an_administrateur_delete_a_course(client_for, admin_user, cite_college, course):
    client_for(admin_user).post(_url("course_delete", cite_college, course_id=course.pk))
    with scopes_disabled():
        assert not Course.objects.filter(pk=course.pk).exists()


def test_it_creates_a_course_from_the_form(client_for, concepteur_user, cite_college, course, year):
    with scopes_disabled():
        pattern = WeekPattern.objects.get(establishment=cite_college, school_year=year, preset="A")
    data = {
        "subject": course.subject_id,
        "teachers": [course.teachers.first().pk],
        "divisions": [course.divisions.first().pk],
        "weekday": "3",
        "starts_at": "08:00",
        "duration_minutes": "60",
        "week_pattern": pattern.pk,
        "modality_code": "CG",
    }
    response = client_for(concepteur_user).post(_url("course_create", cite_college), data)
    assert response.status_code == 302
    with scopes_disabled():
        assert Course.objects.filter(establishment=cite_college, weekday=3).count() == 1


def test_it_refuses_a_course_without_any_structure(client_for, concepteur_user, cite_college, course):
    data = {"subject": course.subject_id, "teachers": [course.teachers.first().pk], "weekday": "1"}
    response = client_for(concepteur_user).post(_url("course_create", cite_college), data)
    assert "au moins une division ou un groupe" in response.text


def test_it_refuses_another_establishments_teacher(client_for, concepteur_user, cite_college, cite_lycee, course):
    stranger = TeacherFactory(establishment=cite_lycee)
    url = _url("course", cite_college, course_id=course.pk)
    response = client_for(concepteur_user).post(url, {"teachers": [stranger.pk]})
    assert response.status_code == 200
    assert "teachers" in response.context["form"].errors


def test_it_answers_404_for_another_establishments_course(client_for, concepteur_user, cite_lycee, course):
    response = client_for(concepteur_user).get(_url("course", cite_lycee, course_id=course.pk))
    assert response.status_code == 404


def test_it_shows_a_teacher_conflict_on_the_grid(client_for, concepteur_user, cite_college, course, year):
    teacher = course.teachers.first()
    other = DivisionFactory(establishment=cite_college, school_year=year)
    CourseFactory(
        establishment=cite_college,
        school_year=year,
        starts_at=dt.time(9, 30),
        teachers=[teacher],
        divisions=[other],
        week_pattern=course.week_pattern,
    )
    response = client_for(concepteur_user).get(_url("teacher", cite_college, teacher_id=teacher.pk))
    assert "a deux cours le lundi 09h00" in response.text


def test_it_shows_the_conflict_a_move_creates_after_the_page_was_seen(
    client_for, concepteur_user, cite_college, course, year, django_capture_on_commit_callbacks
):
    teacher = course.teachers.first()
    other = CourseFactory(
        establishment=cite_college,
        school_year=year,
        weekday=2,
        teachers=[teacher],
        week_pattern=course.week_pattern,
    )
    client = client_for(concepteur_user)
    page = _url("teacher", cite_college, teacher_id=teacher.pk)
    assert "a deux cours" not in client.get(page).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("course_move", cite_college, course_id=other.pk), {"weekday": "1", "starts_at": "09:00"})
    assert "a deux cours le lundi 09h00" in client.get(page).text


def test_it_adds_a_room(client_for, concepteur_user, cite_college, year):
    client_for(concepteur_user).post(_url("room_create", cite_college), {"code": "LABO1", "label": "Laboratoire"})
    assert Room.objects.filter(establishment=cite_college, school_year=year, code="LABO1").exists()


def test_it_refuses_a_second_room_with_the_same_code(client_for, concepteur_user, cite_college, course):
    response = client_for(concepteur_user).post(_url("room_create", cite_college), {"code": course.room.code})
    assert response.status_code == 400
    assert "déjà ce code" in response.text
