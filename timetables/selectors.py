"""Reads for the timetable pages: grids, lists, services with their computed hours, and conflicts.

Every function filters on the establishment and school year explicitly (the request scope is the net).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from establishments.models import Establishment
from siecle.models import Division, Group, GroupDivision, StudentGroup, Subject
from timetables.conflicts import Conflict, Context, Slot, detect_conflicts
from timetables.models import Course, OpeningHours, Room, SchoolCalendar, Service, Teacher, WeekPattern
from timetables.models.calendar import WeekPreset


def _year(model: type[models.Model], establishment: Establishment, school_year: int) -> QuerySet:
    return model._default_manager.filter(establishment=establishment, school_year=school_year)


def teachers(*, establishment: Establishment, school_year: int) -> QuerySet[Teacher]:
    return _year(Teacher, establishment, school_year)


def rooms(*, establishment: Establishment, school_year: int) -> QuerySet[Room]:
    return _year(Room, establishment, school_year)


def subjects(*, establishment: Establishment, school_year: int) -> QuerySet[Subject]:
    return _year(Subject, establishment, school_year)


def divisions(*, establishment: Establishment, school_year: int) -> QuerySet[Division]:
    return _year(Division, establishment, school_year)


def groups(*, establishment: Establishment, school_year: int) -> QuerySet[Group]:
    return _year(Group, establishment, school_year)


def week_patterns(*, establishment: Establishment, school_year: int) -> QuerySet[WeekPattern]:
    return _year(WeekPattern, establishment, school_year)


def calendar_get(*, establishment: Establishment, school_year: int) -> SchoolCalendar | None:
    return _year(SchoolCalendar, establishment, school_year).prefetch_related("holidays").first()


def opening_hours(*, establishment: Establishment, school_year: int) -> QuerySet[OpeningHours]:
    return _year(OpeningHours, establishment, school_year)


def object_get(model: type, *, establishment: Establishment, pk: uuid.UUID) -> object:
    """One row of the establishment (404 otherwise): the explicit first line of tenant isolation."""
    return get_object_or_404(model, establishment=establishment, pk=pk)


def _course_ids(through: type[models.Model], column: str, values: set) -> set[uuid.UUID]:
    """Ids of the courses linked to ``values`` through one M2M table: an indexed lookup, no join."""
    if not values:
        return set()
    return set(through._default_manager.filter(**{f"{column}__in": values}).values_list("course_id", flat=True))


def courses_for(*, establishment: Establishment, school_year: int, **which: Any) -> list[Course]:
    """Courses of one teacher, room, division (with its groups' courses) or group, ready to draw."""
    queryset = _year(Course, establishment, school_year)
    if "room" in which:
        queryset = queryset.filter(room=which["room"])
    else:
        ids = _course_ids(Course.teachers.through, "teacher_id", {getattr(which.get("teacher"), "pk", None)} - {None})
        ids |= _course_ids(Course.groups.through, "group_id", {getattr(which.get("group"), "pk", None)} - {None})
        if "division" in which:
            division = which["division"]
            groups = set(GroupDivision.objects.filter(division=division).values_list("group_id", flat=True))
            ids |= _course_ids(Course.divisions.through, "division_id", {division.pk})
            ids |= _course_ids(Course.groups.through, "group_id", groups)
        queryset = queryset.filter(pk__in=ids)
    return with_links(list(queryset.select_related("subject", "room", "week_pattern")))


def courses_of_week(*, establishment: Establishment, school_year: int, monday: dt.date) -> list[Course]:
    """The courses given in the week starting ``monday`` (their week pattern lists that Monday), by day and
    hour, ready to draw. Patterns are few per year: they are matched in Python, which works on SQLite too."""
    patterns = [
        pk
        for pk, weeks in _year(WeekPattern, establishment, school_year).values_list("id", "weeks")
        if monday.isoformat() in weeks
    ]
    courses = _year(Course, establishment, school_year).filter(week_pattern_id__in=patterns)
    ordered = courses.select_related("subject", "room", "week_pattern").order_by("weekday", "starts_at", "id")
    return with_links(list(ordered))


LINKS = (
    ("teacher_list", "teachers", "teacher"),
    ("division_list", "divisions", "division"),
    ("group_list", "groups", "group"),
)


def with_links(courses: list[Course]) -> list[Course]:
    """Attach each course's teachers, divisions and groups as plain lists (``teacher_list``…).

    Cheaper than prefetch_related here: the tenant-scoped related managers build a filtered queryset per
    course and relation, which costs more than the whole grid.
    """
    by_id = {course.pk: course for course in courses}
    for course in courses:
        for attribute, _relation, _field in LINKS:
            setattr(course, attribute, [])
    for attribute, relation, field in LINKS:
        rows = getattr(Course, relation).through.objects.filter(course_id__in=by_id).select_related(field)
        for row in rows:
            getattr(by_id[row.course_id], attribute).append(getattr(row, field))
    return courses


# -- conflicts ------------------------------------------------------------------------------------------


def _week_masks(establishment: Establishment, school_year: int) -> dict[uuid.UUID, int]:
    masks = {}
    for pattern_id, weeks in _year(WeekPattern, establishment, school_year).values_list("id", "weeks"):
        mask = 0
        for week in weeks:
            mask |= 1 << (dt.date.fromisoformat(week).toordinal() // 7 % 512)
        masks[pattern_id] = mask
    return masks


def _links(through: type[models.Model], column: str, courses: QuerySet) -> dict[uuid.UUID, set]:
    rows = through._default_manager.filter(course__in=courses)
    links: dict[uuid.UUID, set] = defaultdict(set)
    for course_id, other in rows.values_list("course_id", column):
        links[course_id].add(other)
    return links


def _slots(establishment: Establishment, school_year: int) -> list[Slot]:
    courses = _year(Course, establishment, school_year)
    masks = _week_masks(establishment, school_year)
    by_teacher = _links(Course.teachers.through, "teacher_id", courses)
    by_division = _links(Course.divisions.through, "division_id", courses)
    by_group = _links(Course.groups.through, "group_id", courses)
    rows = courses.values_list("id", "weekday", "starts_at", "duration_minutes", "week_pattern_id", "room_id")
    return [
        Slot(
            course_id,
            weekday,
            starts.hour * 60 + starts.minute,
            starts.hour * 60 + starts.minute + duration,
            masks.get(pattern_id, 0),
            frozenset(by_teacher.get(course_id, ())),
            room_id,
            frozenset(by_division.get(course_id, ())),
            frozenset(by_group.get(course_id, ())),
        )
        for course_id, weekday, starts, duration, pattern_id, room_id in rows
    ]


def _sharing_groups(
    establishment: Establishment, school_year: int, groups: set[uuid.UUID]
) -> frozenset[frozenset[uuid.UUID]]:
    by_student: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    rows = _year(StudentGroup, establishment, school_year).filter(group__in=groups)
    for student_id, group_id in rows.values_list("student_id", "group_id"):
        by_student[student_id].append(group_id)
    return frozenset(
        frozenset((a, b)) for memberships in by_student.values() for a in memberships for b in memberships if a < b
    )


class _Names(Mapping):
    """Names of teachers, rooms and structures, read only when a conflict message needs one."""

    def __init__(self, establishment: Establishment, school_year: int):
        self._where = (establishment, school_year)
        self._names: dict[uuid.UUID, str] | None = None

    def _load(self) -> dict[uuid.UUID, str]:
        if self._names is None:
            self._names = {}
            fields = {Teacher: ("last_name", "first_name"), Room: ("code",), Division: ("code",), Group: ("code",)}
            for model, columns in fields.items():
                for pk, *parts in _year(model, *self._where).values_list("id", *columns):
                    self._names[pk] = " ".join(part for part in parts if part)
        return self._names

    def __getitem__(self, key: uuid.UUID) -> str:
        return self._load()[key]

    def __iter__(self) -> Iterator[uuid.UUID]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def _context(establishment: Establishment, school_year: int, slots: list[Slot]) -> Context:
    parents: dict[uuid.UUID, set] = defaultdict(set)
    for group_id, division_id in _year(GroupDivision, establishment, school_year).values_list(
        "group_id", "division_id"
    ):
        parents[group_id].add(division_id)
    opening = {
        weekday: (opens.hour * 60 + opens.minute, closes.hour * 60 + closes.minute)
        for weekday, opens, closes in _year(OpeningHours, establishment, school_year).values_list(
            "weekday", "opens_at", "closes_at"
        )
    }
    groups = {group for slot in slots for group in slot.groups}
    return Context(
        {group: frozenset(divs) for group, divs in parents.items()},
        _sharing_groups(establishment, school_year, groups),
        opening,
        _Names(establishment, school_year),
    )


def conflicts(*, establishment: Establishment, school_year: int) -> list[Conflict]:
    """Every conflict of the establishment's weekly timetable (pages read it through ``conflict_cache``)."""
    slots = _slots(establishment, school_year)
    return detect_conflicts(slots, _context(establishment, school_year, slots))


# -- services -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceRow:
    teacher: Teacher
    subject: Subject
    structure: str
    sts_hours: Decimal | None
    computed_hours: Decimal

    @property
    def gap(self) -> Decimal | None:
        return None if self.sts_hours is None else self.computed_hours - self.sts_hours


def _computed_hours(establishment: Establishment, school_year: int) -> dict[tuple, Decimal]:
    """(teacher, subject, structure id) → weekly hours the courses give; a course on some weeks counts pro rata."""
    full = max((len(p.weeks) for p in week_patterns(establishment=establishment, school_year=school_year)), default=0)
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    courses = _year(Course, establishment, school_year).select_related("week_pattern")
    for course in courses.prefetch_related("teachers", "divisions", "groups"):
        share = _share(course.week_pattern, full)
        hours = Decimal(course.duration_minutes) / 60 * share
        for teacher in course.teachers.all():
            for structure in (*course.divisions.all(), *course.groups.all()):
                totals[(teacher.pk, course.subject_id, structure.pk)] += hours
    return totals


def _share(pattern: WeekPattern, full: int) -> Decimal:
    """The part of the year a pattern covers: A and B count half each, as STS-Web counts a fortnightly hour."""
    if pattern.preset in (WeekPreset.WEEK_A, WeekPreset.WEEK_B):
        return Decimal("0.5")
    return Decimal(len(pattern.weeks)) / full if full else Decimal(1)


def service_rows(*, establishment: Establishment, school_year: int) -> list[ServiceRow]:
    computed = _computed_hours(establishment, school_year)
    services = _year(Service, establishment, school_year).select_related("teacher", "subject", "division", "group")
    rows = []
    for service in services.order_by("teacher__last_name", "subject__code"):
        structure = service.division or service.group
        key = (service.teacher_id, service.subject_id, structure.pk)
        hours = computed.get(key, Decimal(0)).quantize(Decimal("0.01"))
        rows.append(ServiceRow(service.teacher, service.subject, structure.code, service.sts_hours, hours))
    return rows
