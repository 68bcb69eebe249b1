"""Benchmark of the import job (``jobs``) with a real Celery worker on PostgreSQL and Redis.

Run: ``.venv/bin/python bench/import_job.py [--students 5000] [--latency-runs 10]`` with REDIS_URL (and
REDIS_CACHE_URL) set as for the tests. Creates (dropping it first) the database ``netsync_bench_jobs`` and
prints one JSON line per figure:

- ``click_to_running``: from the service call the « Suivant » button makes to the job running on an idle
  worker (target ≤ 1 s);
- ``import_siecle_command`` then ``import_job``: the same 5,000-pupil files imported by the command and by
  a job without preview, on two empty establishments (target: the job within 10 % of the command);
- ``sibling_file_refused``: the form's refusal of a sibling establishment's 5,000-pupil files (no job).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from jobbench import YEAR, create_database, emit, establishment, purge_queue, setup_django, wait_until, worker  # type: ignore[import-not-found]  # a sibling script, run from bench/

EXPORTS = ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Nomenclature", "Structures")


def _files(data):
    from siecle.formats.generator import export_zip_bytes, zip_name
    from siecle.importing import ImportFile

    return [ImportFile(name=zip_name(name), data=export_zip_bytes(data, name)) for name in EXPORTS]


def _start(target, files, *, with_nomenclatures: bool = True):
    from jobs.imports import SOURCE_FILES, ImportRequest, import_job_start
    from siecle.importing import ImportOptions

    options = ImportOptions(with_nomenclatures=with_nomenclatures, groups=True)
    request = ImportRequest(source=SOURCE_FILES, options=options, preview=False)
    return import_job_start(establishment=target, school_year=YEAR, request=request, requested_by=None, files=files)


def _job(pk):
    from django_scopes import scopes_disabled

    from jobs.models import Job

    with scopes_disabled():
        return Job.objects.get(pk=pk)


def _finished(pk):
    job = _job(pk)
    return job if job.is_finished else None


def click_to_running(target, runs: int) -> None:
    from siecle.formats.generator import generate_set

    files = _files(generate_set(uai=target.uai, year=YEAR, students=50, seed=3))
    latencies = []
    for _ in range(runs):
        started = time.time()
        job = _start(target, files)
        running = wait_until(lambda job=job: _job(job.pk).started_at)
        latencies.append(running.timestamp() - started)
        wait_until(lambda job=job: _finished(job.pk))
    emit(
        "click_to_running",
        runs=runs,
        median_seconds=round(statistics.median(latencies), 3),
        max_seconds=round(max(latencies), 3),
    )


def command_against_job(organisation, students: int) -> None:
    from django.core.management import call_command

    from siecle.formats.generator import generate_set

    by_command = establishment(organisation, "0691234S", "Collège commande")
    by_job = establishment(organisation, "0691235T", "Collège tâche")
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for item in _files(generate_set(uai=by_command.uai, year=YEAR, students=students, seed=1)):
            path = Path(folder) / item.name
            path.write_bytes(item.data)
            paths.append(str(path))
        started = time.perf_counter()
        call_command(
            "import_siecle",
            "--uai",
            by_command.uai,
            "--year",
            str(YEAR),
            "--with-nomenclatures",
            "--groups",
            *paths,
            stdout=open("/dev/null", "w"),
        )
        command_seconds = time.perf_counter() - started
    emit("import_siecle_command", students=students, seconds=round(command_seconds, 3))
    job = _start(by_job, _files(generate_set(uai=by_job.uai, year=YEAR, students=students, seed=1)))
    done = wait_until(lambda: _finished(job.pk))
    job_seconds = (done.finished_at - done.started_at).total_seconds()
    emit(
        "import_job",
        students=students,
        status=done.status,
        seconds=round(job_seconds, 3),
        versus_command=f"{(job_seconds / command_seconds - 1) * 100:+.1f} %",
    )


def sibling_refusal(organisation, students: int) -> None:
    from jobs.services import JobRefused
    from siecle.formats.generator import generate_set

    target = establishment(organisation, "0691236U", "Lycée professionnel")
    files = _files(generate_set(uai="0691234S", year=YEAR, students=students, seed=2))
    started = time.perf_counter()
    try:
        _start(target, files)
    except JobRefused:
        refused = True
    else:
        refused = False
    emit("sibling_file_refused", students=students, refused=refused, seconds=round(time.perf_counter() - started, 3))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    parser.add_argument("--latency-runs", type=int, default=10)
    arguments = parser.parse_args()
    setup_django(create_database("netsync_bench_jobs"))
    from establishments.models import Organisation

    purge_queue()
    organisation = Organisation.objects.create(name="Cité du banc")
    with worker(processes=1):
        click_to_running(establishment(organisation, "0690001B", "Collège latence"), arguments.latency_runs)
        command_against_job(organisation, arguments.students)
    sibling_refusal(organisation, arguments.students)


if __name__ == "__main__":
    main()
