"""The calendar page: writers change dates, holidays and opening hours; presets follow the calendar."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from timetables.calendar import calendar_ensure
from timetables.models import Holiday, OpeningHours, WeekPattern

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped():
    with scopes_disabled():
        yield


@pytest.fixture
def calendar(cite_college):
    return calendar_ensure(establishment=cite_college, school_year=current_school_year())


def _url(name, establishment, **kwargs):
    return reverse(f"timetables:{name}", kwargs={"uai": establishment.uai, **kwargs})


def test_it_shows_the_prefilled_holidays(client_for, admin_user, cite_college, calendar):
    response = client_for(admin_user).get(_url("calendar", cite_college))
    assert "Vacances de la Toussaint" in response.text


def test_it_adds_a_holiday_and_recomputes_the_presets(client_for, concepteur_user, cite_college, calendar):
    first_week = WeekPattern.objects.get(establishment=cite_college, preset="all").weeks[1]
    data = {"label": "Pont", "first_day": first_week, "last_day": first_week[:8] + f"{int(first_week[8:]) + 4:02d}"}
    response = client_for(concepteur_user).post(_url("holiday_add", cite_college), data)
    assert response.status_code == 302
    assert first_week not in WeekPattern.objects.get(establishment=cite_college, preset="all").weeks


def test_it_refuses_a_holiday_ending_before_it_starts(client_for, concepteur_user, cite_college, calendar):
    data = {"label": "Pont", "first_day": "2026-10-10", "last_day": "2026-10-01"}
    response = client_for(concepteur_user).post(_url("holiday_add", cite_college), data)
    assert response.status_code == 400
    assert "précède leur début" in response.text


def test_it_deletes_a_holiday(client_for, admin_user, cite_college, calendar):
    holiday = calendar.holidays.first()
    client_for(admin_user).post(_url("holiday_delete", cite_college, holiday_id=holiday.pk))
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


def test_it_closes_a_day_left_empty(client_for, concepteur_user, cite_college, calendar):
    data = {"opens_1": "08:00", "closes_1": "17:00", "opens_2": "08:00", "closes_2": "17:00"}
    client_for(concepteur_user).post(_url("opening_hours_edit", cite_college), data)
    days = list(OpeningHours.objects.filter(establishment=cite_college).values_list("weekday", flat=True))
    assert days == [1, 2]


def test_it_refuses_an_opening_after_the_closing(client_for, concepteur_user, cite_college, calendar):
    data = {"opens_1": "18:00", "closes_1": "08:00"}
    response = client_for(concepteur_user).post(_url("opening_hours_edit", cite_college), data)
    assert response.status_code == 400
    assert OpeningHours.objects.filter(establishment=cite_college).count() == 5
