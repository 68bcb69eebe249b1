"""French school holidays per zone (A, B, C), from the ``vacances-scolaires-france`` package's data.

That package ships the Ministry's published calendar as a CSV (one row per day); we read it once and turn it
into each school year's first and last day and holiday periods. Years outside its data are "unknown": the
calendar then starts with defaults and no holiday, for the establishment to fill in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from vacances_scolaires_france import SchoolHolidayDates

SUMMER = "Vacances d'été"
ZONES = ("A", "B", "C")

# Zone of each metropolitan département (academies of 2016 onwards); overseas and Corsica: none (A by default).
_ZONE_DEPARTMENTS = {
    "A": "01 03 07 15 16 17 19 21 23 24 25 26 33 38 39 40 42 43 47 58 63 64 69 70 71 73 74 79 86 87 89 90",
    "B": "02 04 05 06 08 10 13 14 18 22 27 28 29 35 36 37 41 44 45 49 50 51 52 53 54 55 56 57 59 60 61 62 67 68 "
    "72 76 80 83 84 85 88",
    "C": "09 11 12 30 31 32 34 46 48 65 66 75 77 78 81 82 91 92 93 94 95",
}
DEPARTMENT_ZONES = {dep: zone for zone, deps in _ZONE_DEPARTMENTS.items() for dep in deps.split()}


@dataclass(frozen=True, slots=True)
class HolidayPeriod:
    label: str
    first_day: dt.date
    last_day: dt.date


@dataclass(frozen=True, slots=True)
class YearCalendar:
    first_day: dt.date
    last_day: dt.date
    holidays: tuple[HolidayPeriod, ...]
    known: bool  # False: defaults, the product has no published calendar for that year


def zone_for_uai(uai: str) -> str:
    """The holiday zone of the UAI's département (its 2nd and 3rd digits); A when unknown."""
    return DEPARTMENT_ZONES.get(uai[1:3], "A")


@cache
def _data() -> SchoolHolidayDates:
    return SchoolHolidayDates()


def known_school_years() -> range:
    """School years whose whole calendar (September to the next summer) is in the data."""
    data = _data()
    return range(data.min_year, data.max_year)


def _days_off(zone: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    key = _data().zone_key(zone)
    return sorted((day, row["nom_vacances"]) for day, row in _data().data.items() if start <= day <= end and row[key])


def _runs(days: list[tuple[dt.date, str]]) -> list[HolidayPeriod]:
    periods: list[HolidayPeriod] = []
    for day, label in days:
        last = periods[-1] if periods else None
        if last and last.label == label and (day - last.last_day).days == 1:
            periods[-1] = HolidayPeriod(label, last.first_day, day)
        else:
            periods.append(HolidayPeriod(label, day, day))
    return periods


def year_calendar(year: int, zone: str) -> YearCalendar:
    if year not in known_school_years():
        return YearCalendar(_next_weekday(dt.date(year, 9, 1)), dt.date(year + 1, 7, 4), (), known=False)
    periods = _runs(_days_off(zone, dt.date(year, 7, 1), dt.date(year + 1, 8, 31)))
    summers = [period for period in periods if period.label == SUMMER]
    first_day = _next_weekday(summers[0].last_day + dt.timedelta(days=1))
    last_day = summers[-1].first_day - dt.timedelta(days=1)
    holidays = tuple(p for p in periods if p.label != SUMMER and first_day <= p.first_day <= last_day)
    return YearCalendar(first_day, last_day, holidays, known=True)


def _next_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day
