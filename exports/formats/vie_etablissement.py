"""SIECLE Vie de l'établissement: the week-by-week timetable.

The official format of that import is not public (FORMATS-MINISTRY-EXPORTS.md §4.2). Until it is, this
writes ``EDT_STS`` with one week pattern per school week (``S01`` = the first Monday of the year …) and
each course repeated in every week it takes place, so the file reads as the timetable of each week.
Everything that calls it goes through this function only: replacing the format changes this file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from exports.formats.data import Course, Service, Structure, TeacherCourses, Timetable, WeekPattern
from exports.formats.edt_sts import write_edt_sts


def write_vie_etablissement(timetable: Timetable) -> bytes:
    weekly, codes = _weekly_patterns(timetable.week_patterns)
    weeks_of = {pattern.code: pattern.weeks for pattern in timetable.week_patterns}

    def expand(structure: Structure) -> Structure:
        services = tuple(_expand_service(service, weeks_of, codes) for service in structure.services)
        return dataclasses.replace(structure, services=services)

    by_week = dataclasses.replace(
        timetable,
        week_patterns=weekly,
        divisions=tuple(expand(division) for division in timetable.divisions),
        groups=tuple(expand(group) for group in timetable.groups),
    )
    return write_edt_sts(by_week)


def _weekly_patterns(patterns: tuple[WeekPattern, ...]) -> tuple[tuple[WeekPattern, ...], dict[dt.date, str]]:
    weeks = sorted({week for pattern in patterns for week in pattern.weeks})
    codes = {week: f"S{index:02d}" for index, week in enumerate(weeks, start=1)}
    weekly = tuple(WeekPattern(codes[week], codes[week], f"Semaine du {week:%d/%m/%Y}", (week,)) for week in weeks)
    return weekly, codes


def _expand_service(service: Service, weeks_of: dict[str, tuple[dt.date, ...]], codes: dict[dt.date, str]) -> Service:
    return dataclasses.replace(service, teachers=tuple(_expand_teacher(t, weeks_of, codes) for t in service.teachers))


def _expand_teacher(
    teacher: TeacherCourses, weeks_of: dict[str, tuple[dt.date, ...]], codes: dict[dt.date, str]
) -> TeacherCourses:
    """Each course once per week it takes place, week by week (``S01`` first), in the teacher's order."""
    held = [(course, frozenset(weeks_of.get(course.week_pattern, ()))) for course in teacher.courses]
    weeks = sorted(set().union(*(w for _course, w in held))) if held else []
    courses = tuple(
        Course(codes[week], c.weekday, c.start, c.duration, c.room) for week in weeks for c, w in held if week in w
    )
    return TeacherCourses(teacher.sts_id, teacher.kind, courses)
