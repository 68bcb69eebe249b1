"""One read of everything an export needs, as plain rows: the checks and the writers work on this
snapshot, so what the checks say is exactly what the file holds (a few queries, no per-row query)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet

from establishments.models import Establishment
from siecle.models import Division, Group, GroupDivision, Student, StudentDivision, StudentGroup, Subject
from timetables.models import Course, OpeningHours, Room, SchoolCalendar, Service, Teacher, WeekPattern


@dataclass(frozen=True, slots=True)
class CourseRow:
    id: uuid.UUID
    subject_id: uuid.UUID
    weekday: int
    start: int  # minutes from midnight
    duration: int
    week_pattern_id: uuid.UUID
    room_id: uuid.UUID | None
    modality_code: str
    teachers: tuple[uuid.UUID, ...]
    divisions: tuple[uuid.UUID, ...]
    groups: tuple[uuid.UUID, ...]


@dataclass(frozen=True, slots=True)
class NamedRow:
    id: uuid.UUID
    code: str
    label: str
    extra: str = ""  # teachers: kind; structures: "1" when they carry a MEF


@dataclass(frozen=True, slots=True)
class PupilRow:
    id: uuid.UUID
    eleve_id: str
    last_name: str
    first_name: str
    birth_date: dt.date | None


@dataclass
class Snapshot:
    establishment: Establishment
    school_year: int
    first_day: dt.date
    last_day: dt.date
    has_calendar: bool
    opening: dict[int, tuple[int, int]]
    week_patterns: dict[uuid.UUID, tuple[str, str, tuple[dt.date, ...]]]  # code, label, weeks
    rooms: dict[uuid.UUID, str]
    teachers: dict[uuid.UUID, NamedRow]  # code = sts_id, label = display name, extra = kind
    subjects: dict[uuid.UUID, NamedRow]
    divisions: dict[uuid.UUID, NamedRow]
    groups: dict[uuid.UUID, NamedRow]
    group_parents: dict[uuid.UUID, set[uuid.UUID]]
    courses: list[CourseRow]
    services: list[
        tuple[uuid.UUID, uuid.UUID, uuid.UUID | None, uuid.UUID | None, str]
    ]  # teacher, subject, div, grp, mod
    pupils: dict[uuid.UUID, PupilRow] = field(default_factory=dict)
    pupil_divisions: dict[uuid.UUID, set[uuid.UUID]] = field(default_factory=dict)
    pupil_groups: dict[uuid.UUID, set[uuid.UUID]] = field(default_factory=dict)
    sts_years: list[int] = field(default_factory=list)  # years for which STS teachers were imported


def _year(model: type[Model], establishment: Establishment, school_year: int) -> QuerySet:
    return model._default_manager.filter(establishment=establishment, school_year=school_year)


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _links(through: type[Model], column: str, establishment: Establishment, school_year: int) -> dict:
    links: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    rows = through._default_manager.filter(course__establishment=establishment, course__school_year=school_year)
    for course_id, other in rows.values_list("course_id", column).order_by("course_id", column):
        links[course_id].append(other)
    return links


def _courses(establishment: Establishment, school_year: int) -> list[CourseRow]:
    teachers = _links(Course.teachers.through, "teacher_id", establishment, school_year)
    divisions = _links(Course.divisions.through, "division_id", establishment, school_year)
    groups = _links(Course.groups.through, "group_id", establishment, school_year)
    rows = _year(Course, establishment, school_year).values_list(
        "id", "subject_id", "weekday", "starts_at", "duration_minutes", "week_pattern_id", "room_id", "modality_code"
    )
    return [
        CourseRow(
            pk,
            subject,
            day,
            _minutes(start),
            length,
            pattern,
            room,
            modality,
            tuple(teachers.get(pk, ())),
            tuple(divisions.get(pk, ())),
            tuple(groups.get(pk, ())),
        )  # fmt: skip
        for pk, subject, day, start, length, pattern, room, modality in rows
    ]


def _structures(model: type[Model], establishment: Establishment, school_year: int) -> dict[uuid.UUID, NamedRow]:
    rows = _year(model, establishment, school_year).values_list("id", "code", "label", "mef_codes")
    return {pk: NamedRow(pk, code, label, "1" if mefs else "") for pk, code, label, mefs in rows}


def _teachers(establishment: Establishment, school_year: int) -> dict[uuid.UUID, NamedRow]:
    rows = _year(Teacher, establishment, school_year).values_list("id", "sts_id", "last_name", "first_name", "kind")
    return {pk: NamedRow(pk, sts_id.strip(), f"{last} {first}".strip(), kind) for pk, sts_id, last, first, kind in rows}


def _calendar(establishment: Establishment, school_year: int) -> tuple[dt.date, dt.date, bool]:
    calendar = _year(SchoolCalendar, establishment, school_year).first()
    if calendar is None:  # the school year itself: September to the end of August
        return dt.date(school_year, 9, 1), dt.date(school_year + 1, 8, 31), False
    return calendar.first_day, calendar.last_day, True


def snapshot_load(*, establishment: Establishment, school_year: int) -> Snapshot:
    first_day, last_day, has_calendar = _calendar(establishment, school_year)
    parents: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for group_id, division_id in _year(GroupDivision, establishment, school_year).values_list(
        "group_id", "division_id"
    ):
        parents[group_id].add(division_id)
    snapshot = Snapshot(
        establishment=establishment,
        school_year=school_year,
        first_day=first_day,
        last_day=last_day,
        has_calendar=has_calendar,
        opening={
            day: (_minutes(opens), _minutes(closes))
            for day, opens, closes in _year(OpeningHours, establishment, school_year).values_list(
                "weekday", "opens_at", "closes_at"
            )
        },
        week_patterns={
            pk: (code, label, tuple(sorted(dt.date.fromisoformat(week) for week in weeks)))
            for pk, code, label, weeks in _year(WeekPattern, establishment, school_year).values_list(
                "id", "code", "label", "weeks"
            )
        },
        rooms=dict(_year(Room, establishment, school_year).values_list("id", "code")),
        teachers=_teachers(establishment, school_year),
        subjects={
            pk: NamedRow(pk, code.strip(), label)
            for pk, code, label in _year(Subject, establishment, school_year).values_list("id", "code", "long_label")
        },
        divisions=_structures(Division, establishment, school_year),
        groups=_structures(Group, establishment, school_year),
        group_parents=dict(parents),
        courses=_courses(establishment, school_year),
        services=list(
            _year(Service, establishment, school_year).values_list(
                "teacher_id", "subject_id", "division_id", "group_id", "modality_code"
            )
        ),
        sts_years=sorted(
            set(Teacher.objects.filter(establishment=establishment).values_list("school_year", flat=True))
        ),
    )
    _load_pupils(snapshot)  # group head-counts (EDT_STS) and memberships (IMPORT_ELEVES)
    return snapshot


def _load_pupils(snapshot: Snapshot) -> None:
    establishment, school_year = snapshot.establishment, snapshot.school_year
    rows = _year(Student, establishment, school_year).filter(is_active=True)
    snapshot.pupils = {
        pk: PupilRow(pk, eleve_id.strip(), last or usage, first, birth)
        for pk, eleve_id, last, usage, first, birth in rows.values_list(
            "id", "eleve_id", "last_name", "usage_name", "first_name", "birth_date"
        )
    }
    for attribute, model, column in (
        ("pupil_divisions", StudentDivision, "division_id"),
        ("pupil_groups", StudentGroup, "group_id"),
    ):
        links: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for student_id, other in _year(model, establishment, school_year).values_list("student_id", column):
            links[student_id].add(other)
        setattr(snapshot, attribute, dict(links))
