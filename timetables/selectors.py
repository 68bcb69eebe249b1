"""Reads for the timetable pages: grids, lists, services with their computed hours, and conflicts.

Every function filters on the establishment and school year explicitly (the request scope is the net).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from establishments.models import Establishment
from siecle.models import Division, Group, GroupDivision, StudentGroup, Subject
from timetables.conflicts import Conflict, Context, Slot, detect_conflicts
from timetables.models import Course, OpeningHours, Room, SchoolCalendar, Service, Teacher, WeekPattern


def _year(model: type, establishment: Establishment, school_year: int) -> QuerySet:
    return model.objects.filter(establishment=establishment, school_year=school_year)


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


def courses_for(*, establishment: Establishment, school_year: int, **structure: object) -> list[Course]:
    """Courses of one teacher, room, division (with its groups' courses) or group, ready to draw."""
    queryset = _year(Course, establishment, school_year)
    if "division" in structure:
        division = structure["division"]
        group_ids = GroupDivision.objects.filter(division=division).values("group_id")
        queryset = queryset.filter(divisions=division) | queryset.filter(groups__in=group_ids)
    else:
        queryset = queryset.filter(**structure)
    return list(
        queryset.distinct()
        .select_related("subject", "room", "week_pattern")
        .prefetch_related("teachers", "divisions", "groups")
    )


# -- conflicts ------------------------------------------------------------------------------------------


def _week_masks(establishment: Establishment, school_year: int) -> dict[uuid.UUID, int]:
    masks = {}
    for pattern_id, weeks in _year(WeekPattern, establishment, school_year).values_list("id", "weeks"):
        mask = 0
        for week in weeks:
            mask |= 1 << (dt.date.fromisoformat(week).toordinal() // 7 % 512)
        masks[pattern_id] = mask
    return masks


def _links(through: type, column: str, establishment: Establishment, school_year: int) -> dict:
    links: dict[uuid.UUID, set] = defaultdict(set)
    rows = through.objects.filter(course__establishment=establishment, course__school_year=school_year)
    for course_id, other in rows.values_list("course_id", column):
        links[course_id].add(other)
    return links


def _slots(establishment: Establishment, school_year: int) -> list[Slot]:
    masks = _week_masks(establishment, school_year)
    by_teacher = _links(Course.teachers.through, "teacher_id", establishment, school_year)
    by_division = _links(Course.divisions.through, "division_id", establishment, school_year)
    by_group = _links(Course.groups.through, "group_id", establishment, school_year)
    rows = _year(Course, establishment, school_year).values_list(
        "id", "weekday", "starts_at", "duration_minutes", "week_pattern_id", "room_id"
    )
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


def _sharing_groups(establishment: Establishment, school_year: int) -> frozenset[frozenset[uuid.UUID]]:
    by_student: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    rows = _year(StudentGroup, establishment, school_year).values_list("student_id", "group_id")
    for student_id, group_id in rows:
        by_student[student_id].append(group_id)
    return frozenset(
        frozenset((a, b)) for memberships in by_student.values() for a in memberships for b in memberships if a < b
    )


def _context(establishment: Establishment, school_year: int) -> Context:
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
    names: dict[uuid.UUID, str] = {}
    for model, fields in (
        (Teacher, ("last_name", "first_name")),
        (Room, ("code",)),
        (Division, ("code",)),
        (Group, ("code",)),
    ):
        for pk, *parts in _year(model, establishment, school_year).values_list("id", *fields):
            names[pk] = " ".join(part for part in parts if part)
    return Context(
        {group: frozenset(divs) for group, divs in parents.items()},
        _sharing_groups(establishment, school_year),
        opening,
        names,
    )


def conflicts(*, establishment: Establishment, school_year: int) -> list[Conflict]:
    """Every conflict of the establishment's weekly timetable."""
    return detect_conflicts(_slots(establishment, school_year), _context(establishment, school_year))


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
        share = Decimal(len(course.week_pattern.weeks)) / full if full else Decimal(1)
        hours = Decimal(course.duration_minutes) / 60 * share
        for teacher in course.teachers.all():
            for structure in (*course.divisions.all(), *course.groups.all()):
                totals[(teacher.pk, course.subject_id, structure.pk)] += hours
    return totals


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
