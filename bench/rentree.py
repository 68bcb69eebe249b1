"""Benchmark of the start of the school year: many establishments importing at once through the real queue.

Run: ``.venv/bin/python bench/rentree.py [--students 500] [--caps 2,1000]`` with REDIS_URL (and
REDIS_CACHE_URL) set as for the tests. For each per-organisation cap (JOB_MAX_RUNNING_PER_ORGANISATION;
1000 means no cap) and with 1 then 2 worker processes, on a fresh database ``netsync_bench_rentree``:
40 establishments of 3 organisations (one of 30, two of 5) each start an import of ``--students`` pupils,
the big organisation's first (the worst case for the others). Prints one JSON line per run: total time,
jobs per minute, and the longest wait (queued → running) of the small organisations' jobs and of the big one's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from jobbench import YEAR, create_database, emit, establishment, purge_queue, setup_django, uai, wait_until, worker  # type: ignore[import-not-found]  # a sibling script, run from bench/

ORGANISATIONS = (("Grande cité", 30), ("Collège A", 5), ("Collège B", 5))


def _prepare(students: int) -> list[tuple[Any, list]]:
    from establishments.models import Organisation
    from siecle.formats.generator import export_zip_bytes, generate_set, zip_name
    from siecle.importing import ImportFile

    plan, number = [], 1
    for name, count in ORGANISATIONS:
        organisation = Organisation.objects.create(name=name)
        for _ in range(count):
            target = establishment(organisation, uai(number), f"{name} {number}")
            data = generate_set(uai=target.uai, year=YEAR, students=students, seed=number)
            files = [
                ImportFile(name=zip_name(n), data=export_zip_bytes(data, n))
                for n in ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Structures")
            ]
            plan.append((target, files))
            number += 1
    return plan


def _jobs():
    from django_scopes import scopes_disabled

    from jobs.models import Job

    with scopes_disabled():
        return list(Job.objects.select_related("organisation"))


def _longest_wait(jobs, big: bool) -> float:
    waits = [
        (job.started_at - job.created_at).total_seconds()
        for job in jobs
        if (job.organisation.name == ORGANISATIONS[0][0]) == big
    ]
    return round(max(waits), 2)


def run(cap: int, processes: int, students: int) -> None:
    os.environ["JOB_MAX_RUNNING_PER_ORGANISATION"] = str(cap)  # for the worker process
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()  # the database is dropped and created again
    setup_django(create_database("netsync_bench_rentree"))
    from django.conf import settings

    from jobs.imports import SOURCE_FILES, ImportRequest, import_job_start
    from siecle.importing import ImportOptions

    settings.JOB_MAX_RUNNING_PER_ORGANISATION = cap
    purge_queue()
    plan = _prepare(students)
    request = ImportRequest(source=SOURCE_FILES, options=ImportOptions(), preview=False)
    with worker(processes=processes):
        started = time.monotonic()
        for target, files in plan:
            import_job_start(establishment=target, school_year=YEAR, request=request, requested_by=None, files=files)
        wait_until(lambda: all(job.is_finished for job in _jobs()), timeout=1800, interval=0.2)
        total = time.monotonic() - started
    jobs = _jobs()
    emit(
        "rentree",
        cap=cap if cap < 1000 else "aucun",
        worker_processes=processes,
        jobs=len(jobs),
        succeeded=sum(job.status == "succeeded" for job in jobs),
        total_seconds=round(total, 1),
        jobs_per_minute=round(len(jobs) / total * 60, 1),
        longest_wait_small_organisations_seconds=_longest_wait(jobs, big=False),
        longest_wait_big_organisation_seconds=_longest_wait(jobs, big=True),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--caps", default="2,1000", help="per-organisation caps to compare (1000: no cap)")
    arguments = parser.parse_args()
    for cap in (int(value) for value in arguments.caps.split(",")):
        for processes in (1, 2):
            run(cap, processes, arguments.students)


if __name__ == "__main__":
    main()
