"""Benchmark of the nightly refresh: establishments whose exports did not change, spread over the night,
started by beat's ``refresh.run_due`` ticks and run by a real Celery worker against the NetSynchro sandbox.

Run: ``.venv/bin/python bench/nightly_refresh.py [--establishments 100] [--processes 2] [--students 30]`` with
REDIS_URL (and REDIS_CACHE_URL) set as for the tests. On a fresh database ``netsync_bench_refresh``:
each establishment gets a certificate of a test PKI, a daily schedule and a first import (the baseline).

The target is 1,000 establishments over a 4-hour window (one beat tick every 5 minutes). With fewer
establishments the window is shortened in proportion (``4 h × N / 1000``), so each tick starts as many
refreshes as it would with 1,000: the figures per tick are those of the full night, and the night has
``1000 / N`` times as many ticks. Time is simulated between ticks: a tick's jobs run in real time, then
the next tick fires (its real 5 minutes are the headroom reported). Prints one JSON line per step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import threading
import time
from pathlib import Path

from jobbench import YEAR, create_database, emit, establishment, purge_queue, setup_django, uai, wait_until, worker  # type: ignore[import-not-found]  # a sibling script, run from bench/

TARGET, WINDOW, TICK = 1000, dt.timedelta(hours=4), dt.timedelta(minutes=5)


def _platform(count: int, students: int, out: Path):
    """The sandbox and one certified establishment per organisation of three (a cité scolaire)."""
    import os

    from certificates.pki import generate_test_pki
    from certificates.services import certificate_install
    from establishments.models import Organisation
    from netsynchro.sandbox import SandboxConfig, start_sandbox

    uais = [uai(number) for number in range(1, count + 1)]
    pki = generate_test_pki(out, uais, key_type="ec")
    sandbox = start_sandbox(pki, config=SandboxConfig(students=students, years=(YEAR,)))
    for name, value in (("NETSYNCHRO_URL", sandbox.url), ("NETSYNCHRO_CA_FILE", pki["ca"])):
        os.environ[name] = value  # for the worker process
    targets, organisation = [], None
    for index, (code, entry) in enumerate(zip(uais, pki["clients"], strict=True)):
        if index % 3 == 0:
            organisation = Organisation.objects.create(name=f"Organisation {index // 3 + 1}")
        target = establishment(organisation, code, f"Établissement {code}")
        certificate_install(
            establishment=target, school_year=YEAR, data=Path(entry["file"]).read_bytes(), password=entry["password"]
        )
        targets.append(target)
    return sandbox, targets


def _schedule(targets: list, start: dt.datetime, span: dt.timedelta) -> None:
    from refresh.models import Frequency, RefreshSchedule
    from refresh.timing import spread_offset

    RefreshSchedule.objects.bulk_create(
        RefreshSchedule(
            establishment=target, frequency=Frequency.DAILY, next_run_at=start + spread_offset(target.uai, span)
        )
        for target in targets
    )


def _jobs(since: dt.datetime) -> list:
    from jobs.models import Job

    return list(Job.objects.filter(created_at__gte=since))


class Sampler(threading.Thread):
    """Counts the active (queued or running) and running jobs every 50 ms; keeps the peaks."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_active = self.peak_running = 0
        self.stop = threading.Event()

    def run(self) -> None:
        from django.db import connection
        from django_scopes import scopes_disabled

        from jobs.models import Job

        with scopes_disabled():
            self._sample(Job)
        connection.close()

    def _sample(self, Job) -> None:  # noqa: N803 - the model class
        while not self.stop.is_set():
            statuses = list(Job.objects.filter(status__in=("queued", "running")).values_list("status", flat=True))
            self.peak_active = max(self.peak_active, len(statuses))
            self.peak_running = max(self.peak_running, statuses.count("running"))
            time.sleep(0.05)


def _all_finished(since: dt.datetime) -> bool:
    from jobs.models import Job

    return not Job.objects.filter(created_at__gte=since, status__in=("queued", "running")).exists()


def _baseline(targets: list) -> None:
    from django.utils import timezone

    from refresh.services import refresh_start

    since, started = timezone.now(), time.monotonic()
    for target in targets:
        refresh_start(establishment=target, school_year=YEAR)
    wait_until(lambda: _all_finished(since), timeout=3600, interval=0.2)
    jobs = _jobs(since)
    emit("baseline", establishments=len(targets), seconds=round(time.monotonic() - started, 1),
         succeeded=sum(job.status == "succeeded" for job in jobs))  # fmt: skip


def _night(targets: list, span: dt.timedelta) -> None:
    from django.utils import timezone

    from refresh.models import RefreshRun
    from refresh.services import refresh_schedules_run_due

    night = timezone.now() + dt.timedelta(days=1)
    _schedule_move(night, span)
    sampler, since, drains, batches = Sampler(), timezone.now(), [], []
    sampler.start()
    tick = night
    while tick <= night + span + TICK:
        tick_started, tick_since = time.monotonic(), timezone.now()
        batches.append(len(refresh_schedules_run_due(now=tick)))
        wait_until(lambda since=tick_since: _all_finished(since), timeout=3600, interval=0.05)
        drains.append(time.monotonic() - tick_started)
        tick += TICK
    sampler.stop.set()
    sampler.join()
    jobs = [job for job in _jobs(since) if job.started_at]
    waits = sorted((job.started_at - job.created_at).total_seconds() for job in jobs)
    runs = [(job.finished_at - job.started_at).total_seconds() for job in jobs if job.finished_at]
    outcomes = sorted({run.outcome for run in RefreshRun.objects.filter(started_at__gte=since)})
    emit(
        "night",
        establishments=len(targets),
        scaled_to=TARGET,
        ticks=len(batches),
        refreshes=len(jobs),
        outcomes=outcomes,
        refreshes_per_tick_max=max(batches),
        refreshes_per_tick_mean=round(statistics.mean(batches), 1),
        queue_wait_median_s=round(statistics.median(waits), 2),
        queue_wait_p95_s=round(waits[int(len(waits) * 0.95) - 1], 2),
        queue_wait_max_s=round(waits[-1], 2),
        run_median_s=round(statistics.median(runs), 2),
        queue_time_per_refresh_s=round(sum(drains) / max(len(jobs), 1), 2),
        tick_drain_max_s=round(max(drains), 1),
        tick_headroom=round(TICK.total_seconds() / max(drains), 1),
        peak_active_jobs=sampler.peak_active,
        peak_running_jobs=sampler.peak_running,
    )


def _schedule_move(night: dt.datetime, span: dt.timedelta) -> None:
    from refresh.models import RefreshSchedule
    from refresh.timing import spread_offset

    for schedule in RefreshSchedule.objects.select_related("establishment"):
        schedule.next_run_at = night + spread_offset(schedule.establishment.uai, span)
        schedule.save(update_fields=["next_run_at"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=100)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--students", type=int, default=30)
    args = parser.parse_args()
    setup_django(create_database("netsync_bench_refresh"))
    from django.utils import timezone
    from django_scopes import scopes_disabled

    purge_queue()
    span = WINDOW * args.establishments / TARGET
    with scopes_disabled(), tempfile.TemporaryDirectory() as out:
        sandbox, targets = _platform(args.establishments, args.students, Path(out))
        _schedule(targets, timezone.now() + dt.timedelta(days=1), span)
        try:
            with worker(processes=args.processes):
                _baseline(targets)
                _night(targets, span)
        finally:
            sandbox.stop()


if __name__ == "__main__":
    main()
