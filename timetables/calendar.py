"""The school calendar's services: prefill from the zone's published holidays, school weeks, week presets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django_scopes import scopes_disabled

from establishments.models import Establishment
from timetables.conflict_cache import timetable_changed
from timetables.holidays import year_calendar, zone_for_uai
from timetables.models import Holiday, OpeningHours, SchoolCalendar, WeekPattern
from timetables.models.calendar import WeekPreset

PRESET_CODES = {WeekPreset.EVERY: "H", WeekPreset.WEEK_A: "SA", WeekPreset.WEEK_B: "SB"}
# Monday to Friday 8 h–18 h, Wednesday 8 h–12 h 30: what a collège usually opens; editable.
DEFAULT_OPENING = {1: (8, 0, 18, 0), 2: (8, 0, 18, 0), 3: (8, 0, 12, 30), 4: (8, 0, 18, 0), 5: (8, 0, 18, 0)}


def school_weeks(first_day: dt.date, last_day: dt.date, holidays: Iterable[tuple[dt.date, dt.date]]) -> list[dt.date]:
    """Mondays of the weeks with at least one school day (Monday–Friday, in term, not on holiday)."""
    periods = list(holidays)
    monday = first_day - dt.timedelta(days=first_day.weekday())
    weeks = []
    while monday <= last_day:
        days = (monday + dt.timedelta(days=n) for n in range(5))
        if any(first_day <= day <= last_day and not _on_holiday(day, periods) for day in days):
            weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def _on_holiday(day: dt.date, periods: list[tuple[dt.date, dt.date]]) -> bool:
    return any(start <= day <= end for start, end in periods)


def preset_weeks(weeks: list[dt.date]) -> dict[WeekPreset, list[dt.date]]:
    """« Toutes les semaines », then A and B alternating over school weeks only (holidays do not count)."""
    return {WeekPreset.EVERY: weeks, WeekPreset.WEEK_A: weeks[0::2], WeekPreset.WEEK_B: weeks[1::2]}


def calendar_weeks(calendar: SchoolCalendar) -> list[dt.date]:
    with scopes_disabled():  # the calendar's own holidays
        periods = [(h.first_day, h.last_day) for h in calendar.holidays.all()]
    return school_weeks(calendar.first_day, calendar.last_day, periods)


def week_presets_refresh(*, calendar: SchoolCalendar) -> None:
    """Create or recompute the three preset week patterns from the calendar."""
    base: dict[str, Any] = {"establishment": calendar.establishment, "school_year": calendar.school_year}
    transaction.on_commit(lambda: timetable_changed(**base))
    with scopes_disabled():  # every query names the calendar's establishment and year
        _presets_write(base, calendar_weeks(calendar))


def _presets_write(base: dict[str, Any], weeks_all: list[dt.date]) -> None:
    for preset, weeks in preset_weeks(weeks_all).items():
        pattern, _ = WeekPattern.objects.get_or_create(
            **base, code=PRESET_CODES[preset], defaults={"label": preset.label, "preset": preset}
        )
        pattern.weeks = [week.isoformat() for week in weeks]
        pattern.label, pattern.preset = preset.label, preset
        pattern.save(update_fields=["weeks", "label", "preset"])


@transaction.atomic
def calendar_ensure(*, establishment: Establishment, school_year: int) -> SchoolCalendar:
    """The year's calendar; created on first use from the zone's published holidays, with presets and hours."""
    with scopes_disabled():
        calendar = SchoolCalendar.objects.filter(establishment=establishment, school_year=school_year).first()
        if calendar is not None:
            return calendar
        zone = zone_for_uai(establishment.uai)
        defaults = year_calendar(school_year, zone)
        calendar = SchoolCalendar.objects.create(
            establishment=establishment,
            school_year=school_year,
            zone=zone,
            first_day=defaults.first_day,
            last_day=defaults.last_day,
        )
        _holidays_fill(calendar, zone)
        _opening_hours_fill(establishment, school_year)
        week_presets_refresh(calendar=calendar)
        return calendar


def _holidays_fill(calendar: SchoolCalendar, zone: str) -> None:
    Holiday.objects.bulk_create(
        Holiday(
            establishment=calendar.establishment,
            school_year=calendar.school_year,
            calendar=calendar,
            label=period.label,
            first_day=period.first_day,
            last_day=period.last_day,
        )
        for period in year_calendar(calendar.school_year, zone).holidays
    )


def _opening_hours_fill(establishment: Establishment, school_year: int) -> None:
    if OpeningHours.objects.filter(establishment=establishment, school_year=school_year).exists():
        return
    OpeningHours.objects.bulk_create(
        OpeningHours(
            establishment=establishment,
            school_year=school_year,
            weekday=weekday,
            opens_at=dt.time(h1, m1),
            closes_at=dt.time(h2, m2),
        )
        for weekday, (h1, m1, h2, m2) in DEFAULT_OPENING.items()
    )


@transaction.atomic
def calendar_update(
    *, calendar: SchoolCalendar, zone: str, first_day: dt.date, last_day: dt.date, refill_holidays: bool
) -> SchoolCalendar:
    """Change the dates (and zone); ``refill_holidays`` replaces the holidays with the zone's published ones."""
    calendar.zone, calendar.first_day, calendar.last_day = zone, first_day, last_day
    calendar.save(update_fields=["zone", "first_day", "last_day"])
    if refill_holidays:
        with scopes_disabled():
            calendar.holidays.all().delete()
            _holidays_fill(calendar, zone)
    week_presets_refresh(calendar=calendar)
    return calendar


@transaction.atomic
def holiday_add(*, calendar: SchoolCalendar, label: str, first_day: dt.date, last_day: dt.date) -> Holiday:
    with scopes_disabled():
        holiday = _holiday_create(calendar, label, first_day, last_day)
    week_presets_refresh(calendar=calendar)
    return holiday


def _holiday_create(calendar: SchoolCalendar, label: str, first_day: dt.date, last_day: dt.date) -> Holiday:
    return Holiday.objects.create(
        establishment=calendar.establishment,
        school_year=calendar.school_year,
        calendar=calendar,
        label=label,
        first_day=first_day,
        last_day=last_day,
    )


@transaction.atomic
def holiday_delete(*, holiday: Holiday) -> None:
    with scopes_disabled():
        calendar = holiday.calendar
        holiday.delete()
    week_presets_refresh(calendar=calendar)


@transaction.atomic
def opening_hours_set(
    *, establishment: Establishment, school_year: int, days: dict[int, tuple[dt.time, dt.time]]
) -> None:
    """Replace the week's opening hours; a weekday absent from ``days`` is closed."""
    with scopes_disabled():
        OpeningHours.objects.filter(establishment=establishment, school_year=school_year).delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(
                establishment=establishment, school_year=school_year, weekday=day, opens_at=opens, closes_at=closes
            )
            for day, (opens, closes) in sorted(days.items())
        )
    transaction.on_commit(lambda: timetable_changed(establishment=establishment, school_year=school_year))
