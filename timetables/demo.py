"""Demo timetables (``manage.py demo_setup``): each demo establishment gets teachers, services and a
conflict-free week built from the school the SIECLE generator makes for its UAI.

``siecle.formats.generator.generate_set(uai, year, DEMO_STUDENTS, DEMO_SEED)`` gives the divisions, groups and
subjects its pupils are placed in; the timetable is planned on those very structures, written as an
``sts_emp`` file and imported like a real one (which creates the structures with SIECLE's keys), then the
planned courses are stored. Importing that set's pupils (``import_siecle`` on ``siecle_generate --students
720 --seed 1``) fills the same divisions and groups. Idempotent: the STS re-import changes nothing, and
courses are only created while the year has none (a demo user's edits are kept).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django_scopes import scopes_disabled

from establishments.models import Establishment
from establishments.school_years import current_school_year
from siecle.formats.generator import generate_set
from siecle.models import Division, Group, Subject
from timetables.calendar import calendar_ensure
from timetables.conflict_cache import timetable_changed
from timetables.formats.generator import PlannedCourse, TimetablePlan, plan_timetable, shape_from_siecle, sts_emp_xml
from timetables.importing import sts_import_apply
from timetables.models import Course, Room, Teacher, WeekPattern
from timetables.models.calendar import WeekPreset

DEMO_STUDENTS = 720  # about 20 divisions of 28 pupils once the departed and unplaced are set aside
DEMO_SEED = 1
WEEK_PRESETS = {"H": WeekPreset.EVERY, "A": WeekPreset.WEEK_A, "B": WeekPreset.WEEK_B}


def demo_timetables(establishments: Iterable[Establishment]) -> None:
    year = current_school_year()
    for establishment in establishments:
        demo_timetable(establishment=establishment, school_year=year)


def demo_timetable(*, establishment: Establishment, school_year: int) -> TimetablePlan:
    data = generate_set(uai=establishment.uai, year=school_year, students=DEMO_STUDENTS, seed=DEMO_SEED)
    plan = plan_timetable(shape_from_siecle(data), seed=DEMO_SEED)
    result = sts_import_apply(establishment=establishment, school_year=school_year, source=sts_emp_xml(plan))
    if result.refused:
        raise RuntimeError(result.errors[0])
    courses_from_plan(establishment=establishment, school_year=school_year, plan=plan)
    return plan


@transaction.atomic
def courses_from_plan(*, establishment: Establishment, school_year: int, plan: TimetablePlan) -> None:
    """Store a plan's rooms and courses (after its ``sts_emp`` file was imported); nothing if courses exist."""
    calendar_ensure(establishment=establishment, school_year=school_year)
    with scopes_disabled():
        base: dict[str, Any] = {"establishment": establishment, "school_year": school_year}
        if Course.objects.filter(**base).exists():
            return
        rooms = {code: Room.objects.get_or_create(**base, code=code)[0] for code in plan.rooms}
        ids = _ids(base)
        patterns = {key: WeekPattern.objects.get(**base, preset=preset) for key, preset in WEEK_PRESETS.items()}
        courses = [_course(planned, base, ids, rooms, patterns) for planned in plan.courses]
        Course.objects.bulk_create(courses)
        _links(plan, courses, ids)
    transaction.on_commit(lambda: timetable_changed(establishment=establishment, school_year=school_year))


def _course(planned: PlannedCourse, base: dict, ids: dict, rooms: dict, patterns: dict) -> Course:
    return Course(
        **base,
        subject_id=ids["subjects"][planned.subject_code],
        room=rooms[planned.room_code],
        weekday=planned.weekday,
        starts_at=dt.time(planned.hour),
        duration_minutes=planned.duration_minutes,
        week_pattern=patterns[planned.week],
    )


def _links(plan: TimetablePlan, courses: list[Course], ids: dict) -> None:
    """The courses' teachers, divisions and groups, written in three bulk inserts."""
    rows: dict[str, list] = {"teachers": [], "divisions": [], "groups": []}
    for planned, course in zip(plan.courses, courses, strict=True):
        rows["teachers"].append(Course.teachers.through(course=course, teacher_id=ids["teachers"][planned.teacher_id]))
        rows["divisions"].extend(
            # django-stubs types the auto-created through model of a relation to another app as Never.
            Course.divisions.through(course=course, division_id=ids["divisions"][code])  # type: ignore[misc]
            for code in planned.divisions
        )
        rows["groups"].extend(
            Course.groups.through(course=course, group_id=ids["groups"][code])  # type: ignore[misc]
            for code in planned.groups
        )
    for name, items in rows.items():
        getattr(Course, name).through.objects.bulk_create(items)


def _ids(base: dict) -> dict[str, dict]:
    return {
        "subjects": dict(Subject.objects.filter(**base).values_list("code", "id")),
        "teachers": dict(Teacher.objects.filter(**base).values_list("sts_id", "id")),
        "divisions": dict(Division.objects.filter(**base).values_list("code", "id")),
        "groups": dict(Group.objects.filter(**base).values_list("code", "id")),
    }
