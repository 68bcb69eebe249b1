"""Writes on courses: create, edit, move, delete. Views call these with validated form data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from establishments.models import Establishment
from timetables.conflict_cache import timetable_changed
from timetables.models import Course, Room

M2M_FIELDS = ("teachers", "divisions", "groups")


@transaction.atomic
def course_create(*, establishment: Establishment, school_year: int, data: dict[str, Any]) -> Course:
    fields = {name: value for name, value in data.items() if name not in M2M_FIELDS}
    course = Course.objects.create(establishment=establishment, school_year=school_year, **fields)
    _set_links(course, data)
    _changed(course)
    return course


@transaction.atomic
def course_update(*, course: Course, data: dict[str, Any]) -> Course:
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(course, name, value)
    course.save()
    _set_links(course, data)
    _changed(course)
    return course


@transaction.atomic
def course_move(*, course: Course, weekday: int, starts_at: dt.time, room: object | None = None) -> Course:
    """Another day and time (and room when given); conflicts are shown afterwards, never refused."""
    course.weekday, course.starts_at = weekday, starts_at
    if room is not None:
        course.room = room  # type: ignore[assignment]
    course.save(update_fields=["weekday", "starts_at", "room"])
    _changed(course)
    return course


@transaction.atomic
def course_delete(*, course: Course) -> None:
    course.delete()
    _changed(course)


def _changed(course: Course) -> None:
    """After commit: a page reading between the write and the commit must not cache the old week."""
    where: dict[str, Any] = {"establishment": course.establishment, "school_year": course.school_year}
    transaction.on_commit(lambda: timetable_changed(**where))


def _set_links(course: Course, data: dict[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(course, name).set(data[name])


def room_create(*, establishment: Establishment, school_year: int, code: str, label: str, capacity: int | None) -> Room:
    """A new room; the code is unique in the year (the caller checks, the database constraint guarantees)."""
    return Room.objects.create(
        establishment=establishment, school_year=school_year, code=code.strip(), label=label.strip(), capacity=capacity
    )
