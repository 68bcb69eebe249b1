"""Benchmark of the exports (``exports``) on PostgreSQL: an establishment of 2,000 students, 150 teachers
and 1,500 weekly courses.

Run: ``.venv/bin/python bench/exports.py [--students 2000] [--teachers 150] [--courses 1500]``. Creates (and
drops first) the database ``netsync_bench_exports`` on ``BENCH_SERVER_URL`` (default
postgres://postgres@127.0.0.1:5432), migrates it, fills it, then prints one JSON line per step with its
seconds (best of 3): the pre-export checks, then each of the three files (read + build + write).
Target: ≤ 0.5 s each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "netsync_bench_exports"
T = TypeVar("T")
UAI, YEAR = "0691234S", 2026


def create_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.test"
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def emit(step: str, seconds: float, **extra: object) -> None:
    print(json.dumps({"step": step, "seconds": round(seconds, 3), **extra}, ensure_ascii=False), flush=True)


def best_of(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    best, result = float("inf"), work()
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def _calendar(place: dict) -> list:
    from timetables.models import OpeningHours, SchoolCalendar, WeekPattern

    SchoolCalendar.objects.create(**place, zone="A", first_day=dt.date(YEAR, 9, 1), last_day=dt.date(YEAR + 1, 7, 4))
    OpeningHours.objects.bulk_create(
        OpeningHours(**place, weekday=day, opens_at=dt.time(8), closes_at=dt.time(18)) for day in range(1, 6)
    )
    weeks = [(dt.date(YEAR, 9, 7) + dt.timedelta(weeks=n)).isoformat() for n in range(34)]
    return WeekPattern.objects.bulk_create(
        [
            WeekPattern(**place, code="H", label="Toutes les semaines", weeks=weeks),
            WeekPattern(**place, code="A", label="Semaine A", weeks=weeks[::2]),
            WeekPattern(**place, code="B", label="Semaine B", weeks=weeks[1::2]),
        ]
    )


def _structures(place: dict, divisions_count: int) -> tuple[list, list]:
    from siecle.models import Division, Group, GroupDivision

    divisions = Division.objects.bulk_create(
        Division(**place, code=f"{6 - n % 4}E{n // 4 + 1}", label=f"Division {n}", mef_codes=["10010012110"])
        for n in range(divisions_count)
    )
    groups = Group.objects.bulk_create(
        Group(**place, code=f"GR{n:03d}", label=f"Groupe {n}", mef_codes=["10010012110"])
        for n in range(divisions_count * 2)
    )
    GroupDivision.objects.bulk_create(
        GroupDivision(**place, group=group, division=divisions[n // 2]) for n, group in enumerate(groups)
    )
    return divisions, groups


def _students(place: dict, count: int, divisions: list, groups: list) -> None:
    from siecle.models import Student, StudentDivision, StudentGroup

    students = Student.objects.bulk_create(
        Student(
            **place, eleve_id=str(100000 + n), last_name=f"NOM{n}", first_name="Élève", birth_date=dt.date(2012, 1, 1)
        )
        for n in range(count)
    )
    StudentDivision.objects.bulk_create(
        StudentDivision(**place, student=s, division=divisions[n % len(divisions)]) for n, s in enumerate(students)
    )
    StudentGroup.objects.bulk_create(
        StudentGroup(**place, student=s, group=groups[(n % len(divisions)) * 2 + k])
        for n, s in enumerate(students)
        for k in (0, 1)
    )


def _courses(
    place: dict, count: int, teachers: list, subjects: list, rooms: list, patterns: list, divisions: list, groups: list
) -> None:
    from timetables.models import Course

    rng = random.Random(7)
    courses = Course.objects.bulk_create(
        # slot n % 45 (5 days × 9 hours); teacher, room and division change with n // 45: few clashes
        Course(
            **place,
            subject=rng.choice(subjects),
            week_pattern=patterns[(n % 7 == 0) + (n % 11 == 0)],
            room=rooms[n // 45 % len(rooms)],
            weekday=1 + n % 45 // 9,
            starts_at=dt.time(8 + n % 9),
            duration_minutes=60,
        )
        for n in range(count)
    )
    teachers_link: Any = Course.teachers.through  # auto-created through models: untyped for the plugin
    divisions_link: Any = Course.divisions.through
    groups_link: Any = Course.groups.through
    teachers_link.objects.bulk_create(
        teachers_link(course=c, teacher=teachers[n // 45 % len(teachers)]) for n, c in enumerate(courses)
    )
    divisions_link.objects.bulk_create(
        divisions_link(course=c, division=divisions[n // 45 % len(divisions)]) for n, c in enumerate(courses) if n % 4
    )
    groups_link.objects.bulk_create(
        groups_link(course=c, group=groups[n // 45 % len(groups)]) for n, c in enumerate(courses) if not n % 4
    )


def populate(students: int, teachers_count: int, courses: int):  # noqa: ANN201 - returns the Establishment
    from django_scopes import scopes_disabled

    from establishments.models import Establishment, Organisation
    from siecle.models import Subject
    from timetables.models import Room, Teacher

    with scopes_disabled():
        organisation = Organisation.objects.create(name="Cité bench")
        establishment = Establishment.objects.create(organisation=organisation, uai=UAI, name="Collège bench")
        place = {"establishment": establishment, "school_year": YEAR}
        patterns = _calendar(place)
        divisions, groups = _structures(place, max(1, students // 28))
        teachers = Teacher.objects.bulk_create(
            Teacher(**place, sts_id=str(4000 + n), last_name=f"PROF{n}", first_name="Ada")
            for n in range(teachers_count)
        )
        subjects = Subject.objects.bulk_create(
            Subject(**place, code=f"{20100 + n * 100:06d}", long_label=f"MATIERE {n}") for n in range(40)
        )
        rooms = Room.objects.bulk_create(Room(**place, code=f"S{n:03d}") for n in range(60))
        _students(place, students, divisions, groups)
        _courses(place, courses, teachers, subjects, rooms, patterns, divisions, groups)
    return establishment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--teachers", type=int, default=150)
    parser.add_argument("--courses", type=int, default=1500)
    args = parser.parse_args()
    create_database()
    setup_django()
    from establishments.scoping import establishment_scope
    from exports.build import export_bytes
    from exports.checks import run_checks
    from exports.snapshot import snapshot_load

    establishment = populate(args.students, args.teachers, args.courses)
    with establishment_scope(establishment):
        seconds, report = best_of(
            3, lambda: run_checks(snapshot_load(establishment=establishment, school_year=YEAR), "vie-etablissement")
        )
        emit("checks", seconds, errors=len(report.errors), warnings=len(report.warnings))
        for target in ("sts-web", "siecle-bee", "vie-etablissement"):

            def write(target: str = target) -> bytes:
                snapshot = snapshot_load(establishment=establishment, school_year=YEAR)
                return export_bytes(snapshot, target, export_date=dt.date(YEAR, 10, 1))

            seconds, data = best_of(3, write)
            emit(f"file {target}", seconds, bytes=len(data))


if __name__ == "__main__":
    main()
