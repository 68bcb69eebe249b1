"""A small, realistic establishment timetable for the export tests: a calendar, opening hours, a weekly
pattern, subjects with national codes, two divisions with a shared group, teachers, rooms, courses and
pupils with their SIECLE memberships."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django_scopes import scopes_disabled

from siecle.models import Division, Group, GroupDivision, Student, StudentDivision, StudentGroup
from tests.timetables.factories import OpeningHoursFactory, RoomFactory, SubjectFactory, TeacherFactory
from timetables.models import Course, SchoolCalendar, WeekPattern


@dataclass
class Sample:
    establishment: object
    year: int
    divisions: list
    group: Group
    teachers: list
    subjects: list
    pattern: WeekPattern
    courses: list
    pupils: list


def mondays(year: int, count: int = 30) -> list[str]:
    first = dt.date(year, 9, 7)
    return [(first + dt.timedelta(weeks=n)).isoformat() for n in range(count)]


def _structures(establishment: object, year: int) -> tuple[list[Division], Group]:
    place = {"establishment": establishment, "school_year": year}
    divisions = [
        Division.objects.create(**place, code=code, label=f"Division {code}", mef_codes=["10310019110"])
        for code in ("3A", "3B")
    ]
    group = Group.objects.create(**place, code="3ESP GR1", label="Espagnol LV2", mef_codes=["10310019110"])
    for division in divisions:
        GroupDivision.objects.create(**place, group=group, division=division)
    return divisions, group


def _pupils(establishment: object, year: int, divisions: list[Division], group: Group) -> list[Student]:
    place = {"establishment": establishment, "school_year": year}
    pupils = []
    for index, (last, first) in enumerate((("MARTIN", "Léo"), ("DURAND", "Chloé"), ("PETIT", "Inès"))):
        pupil = Student.objects.create(
            **place, eleve_id=str(145770 + index), last_name=last, first_name=first, birth_date=dt.date(2012, 3, 2)
        )
        StudentDivision.objects.create(**place, student=pupil, division=divisions[index % 2])
        StudentGroup.objects.create(**place, student=pupil, group=group)
        pupils.append(pupil)
    return pupils


def _course(place: dict, subject, pattern, room, teacher, *, weekday: int, start: tuple, duration: int = 60,
            divisions: tuple | list = (), groups: tuple | list = ()) -> Course:  # fmt: skip
    course = Course.objects.create(
        **place, subject=subject, week_pattern=pattern, room=room, weekday=weekday,
        starts_at=dt.time(*start), duration_minutes=duration,
    )  # fmt: skip
    if teacher is not None:
        course.teachers.set([teacher])
    course.divisions.set(divisions)
    course.groups.set(groups)
    return course


def build_sample(establishment: object, year: int) -> Sample:
    place = {"establishment": establishment, "school_year": year}
    with scopes_disabled():
        SchoolCalendar.objects.create(
            **place, zone="A", first_day=dt.date(year, 9, 1), last_day=dt.date(year + 1, 7, 4)
        )
        for weekday in range(1, 6):
            OpeningHoursFactory(**place, weekday=weekday)
        pattern = WeekPattern.objects.create(**place, code="H", label="Toutes les semaines", weeks=mondays(year))
        divisions, group = _structures(establishment, year)
        teachers = [TeacherFactory(**place, sts_id=sts_id) for sts_id in ("4189", "20048")]
        subjects = [
            SubjectFactory(**place, code=code, long_label=label)
            for code, label in (("020100", "FRANCAIS"), ("030602", "ESPAGNOL LV2"))
        ]
        room = RoomFactory(**place, code="S01")
        courses = [
            _course(place, subjects[0], pattern, room, teachers[0], divisions=[divisions[0]], weekday=1, start=(8, 0)),
            _course(place, subjects[0], pattern, room, teachers[0], divisions=[divisions[1]], weekday=2, start=(9, 0), duration=90),
            _course(place, subjects[1], pattern, None, teachers[1], groups=[group], weekday=4, start=(14, 0)),
        ]  # fmt: skip
        pupils = _pupils(establishment, year, divisions, group)
    return Sample(establishment, year, divisions, group, teachers, subjects, pattern, courses, pupils)
