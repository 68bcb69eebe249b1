"""The school calendar: zone from the UAI, holidays prefilled, school weeks and the A/B presets."""

from __future__ import annotations

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from timetables.calendar import calendar_ensure, holiday_add, preset_weeks, school_weeks
from timetables.holidays import known_school_years, year_calendar, zone_for_uai
from timetables.models import OpeningHours, WeekPattern

TOUSSAINT_2026_A = (dt.date(2026, 10, 17), dt.date(2026, 11, 1))


def test_it_takes_the_zone_from_the_uai_departement():
    assert (zone_for_uai("0691234S"), zone_for_uai("0750654D"), zone_for_uai("0593456B")) == ("A", "C", "B")


def test_it_knows_the_current_school_year():
    assert 2026 in known_school_years()


def test_it_prefills_the_zone_a_toussaint_2026():
    holidays = year_calendar(2026, "A").holidays
    assert (holidays[0].first_day, holidays[0].last_day) == TOUSSAINT_2026_A


def test_it_differs_between_zones_in_winter():
    winter = [year_calendar(2026, zone).holidays[2].first_day for zone in "ABC"]
    assert len(set(winter)) == 3


def test_it_leaves_out_weeks_entirely_on_holiday():
    weeks = school_weeks(dt.date(2026, 9, 1), dt.date(2026, 11, 30), [TOUSSAINT_2026_A])
    assert dt.date(2026, 10, 19) not in weeks
    assert dt.date(2026, 10, 12) in weeks


def test_it_alternates_a_and_b_over_school_weeks_only():
    weeks = school_weeks(dt.date(2026, 9, 1), dt.date(2026, 11, 30), [TOUSSAINT_2026_A])
    presets = preset_weeks(weeks)
    # 7 school weeks before the holidays: the first week back is week B, not A again.
    assert presets["B"][3] == dt.date(2026, 11, 2)
    assert set(presets["A"]).isdisjoint(presets["B"])


@pytest.mark.django_db
def test_it_creates_the_three_presets_with_the_calendar(cite_college):
    calendar_ensure(establishment=cite_college, school_year=2026)
    with scopes_disabled():
        labels = set(WeekPattern.objects.filter(establishment=cite_college).values_list("label", flat=True))
    assert labels == {"Toutes les semaines", "Semaine A", "Semaine B"}


@pytest.mark.django_db
def test_it_removes_an_added_holiday_week_from_the_presets(cite_college):
    calendar = calendar_ensure(establishment=cite_college, school_year=2026)
    holiday_add(calendar=calendar, label="Pont", first_day=dt.date(2026, 9, 14), last_day=dt.date(2026, 9, 18))
    with scopes_disabled():
        every = WeekPattern.objects.get(establishment=cite_college, preset="all")
    assert "2026-09-14" not in every.weeks


@pytest.mark.django_db
def test_it_opens_monday_to_friday_by_default(cite_college):
    calendar_ensure(establishment=cite_college, school_year=2026)
    with scopes_disabled():
        days = list(OpeningHours.objects.filter(establishment=cite_college).values_list("weekday", flat=True))
    assert days == [1, 2, 3, 4, 5]
