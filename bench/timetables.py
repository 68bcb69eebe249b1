"""Benchmark of the timetables: conflict detection, grid pages and the STS-Web import, on PostgreSQL.

Run: ``.venv/bin/python bench/timetables.py [--keep-db]``. Creates (and drops first) the database
``netsync_bench_timetables`` on ``BENCH_SERVER_URL`` (default postgres://postgres@127.0.0.1:5432), migrates it,
generates a school of 150 teachers, 60 rooms, 40 divisions (with half-groups) and ~1,500 weekly courses
(``timetables.formats.generator``), then prints one JSON line per step.
Targets: conflict detection over the establishment ≤ 0.2 s; a teacher's or a division's grid page ≤ 100 ms
server time (median of 20); STS import of the 150-teacher file ≤ 1 s (measured in-process: net of start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "netsync_bench_timetables")
UAI, YEAR = "0691234S", 2026
RUNS = 20


def create_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.test"
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def emit(step: str, seconds: float, **extra: object) -> None:
    print(json.dumps({"step": step, "seconds": round(seconds, 4), **extra}, ensure_ascii=False), flush=True)


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def school():
    from establishments.models import Establishment, Organisation
    from timetables.formats.generator import plan_timetable, synthetic_shape

    organisation, _ = Organisation.objects.get_or_create(name="Banc d'essai")
    establishment, _ = Establishment.objects.get_or_create(
        uai=UAI, defaults={"organisation": organisation, "name": "Banc"}
    )
    shape = synthetic_shape(uai=UAI, year=YEAR, divisions=40, rooms=60, max_teacher_hours=11)
    return establishment, plan_timetable(shape)


def bench_import(establishment, plan) -> None:
    from timetables.formats.generator import sts_emp_xml
    from timetables.importing import sts_import_apply

    data = sts_emp_xml(plan)
    from timetables.holidays import known_school_years

    seconds, _ = timed(known_school_years)  # the holiday table is read once per process: start-up, not import
    emit("holiday_data_load_once_per_process", seconds)
    run = lambda: sts_import_apply(establishment=establishment, school_year=YEAR, source=data)  # noqa: E731
    seconds, result = timed(run)
    emit(
        "sts_import_first",
        seconds,
        teachers=result.counts["teachers"],
        services=result.counts["services"],
        bytes=len(data),
    )
    seconds, result = timed(run)
    emit("sts_import_again_unchanged", seconds, changed=result.changes_anything)


def bench_conflicts(establishment) -> None:
    from timetables import selectors

    runs = [timed(lambda: selectors.conflicts(establishment=establishment, school_year=YEAR)) for _ in range(RUNS)]
    emit("conflict_detection_median", statistics.median(s for s, _ in runs), conflicts=len(runs[0][1]))


def bench_pages(establishment) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from establishments.models import Membership
    from timetables.models import Course

    user, _ = get_user_model().objects.get_or_create(username="bench.concepteur")
    Membership.objects.get_or_create(
        user=user, organisation=establishment.organisation, defaults={"is_concepteur": True}
    )
    client = Client()
    client.force_login(user)
    course = Course.objects.filter(establishment=establishment).exclude(divisions=None).first()
    home = reverse("establishments:home", kwargs={"uai": UAI})
    client.get(home)
    runs = [timed(lambda: client.get(home)) for _ in range(RUNS)]
    emit("baseline_home_page_median", statistics.median(s for s, _ in runs), note="the site shell alone, for scale")
    for name, kwargs in (
        ("teacher", {"teacher_id": course.teachers.first().pk}),  # type: ignore[union-attr]  # demo courses have both
        ("division", {"division_id": course.divisions.first().pk}),  # type: ignore[union-attr]
    ):
        url = reverse(f"timetables:{name}", kwargs={"uai": UAI, **kwargs}) + f"?annee={YEAR}"
        client.get(url)  # warm-up: templates compiled, connections open
        runs = [timed(lambda url=url: client.get(url)) for _ in range(RUNS)]
        assert all(response.status_code == 200 for _, response in runs)
        emit(f"{name}_grid_page_median", statistics.median(s for s, _ in runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep-db", action="store_true")
    arguments = parser.parse_args()
    create_database()
    setup_django()
    from django_scopes import scopes_disabled

    from establishments.school_years import selectable_school_years
    from timetables.demo import courses_from_plan
    from timetables.models import Course, Room, Teacher

    assert YEAR in selectable_school_years(), "the bench year must be offered by the pages"
    with scopes_disabled():
        establishment, plan = school()
        bench_import(establishment, plan)
        courses_from_plan(establishment=establishment, school_year=YEAR, plan=plan)
        counts = {m.__name__: m.objects.filter(establishment=establishment).count() for m in (Teacher, Room, Course)}
        emit("setup", 0, **counts)
        bench_conflicts(establishment)
    with scopes_disabled():
        bench_pages(establishment)
    if not arguments.keep_db:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main()
