"""Writes on courses: create, edit, move, delete. Views call these with validated form data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from establishments.models import Establishment
from timetables.models import Course

M2M_FIELDS = ("teachers", "divisions", "groups")


@transaction.atomic
def course_create(*, establishment: Establishment, school_year: int, data: dict[str, Any]) -> Course:
    fields = {name: value for name, value in data.items() if name not in M2M_FIELDS}
    course = Course.objects.create(establishment=establishment, school_year=school_year, **fields)
    _set_links(course, data)
    return course


@transaction.atomic
def course_update(*, course: Course, data: dict[str, Any]) -> Course:
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(course, name, value)
    course.save()
    _set_links(course, data)
    return course


@transaction.atomic
def course_move(*, course: Course, weekday: int, starts_at: dt.time, room: object | None = None) -> Course:
    """Another day and time (and room when given); conflicts are shown afterwards, never refused."""
    course.weekday, course.starts_at = weekday, starts_at
    if room is not None:
        course.room = room  # type: ignore[assignment]
    course.save(update_fields=["weekday", "starts_at", "room"])
    return course


@transaction.atomic
def course_delete(*, course: Course) -> None:
    course.delete()


def _set_links(course: Course, data: dict[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(course, name).set(data[name])
