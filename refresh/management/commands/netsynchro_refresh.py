"""Run one establishment's refresh now, exactly as beat would, and print its outcome as one JSON object."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from establishments.models import Establishment
from establishments.school_years import selectable_school_years
from establishments.uai import normalise_uai
from jobs.models import Job, JobStatus
from jobs.services import job_run
from netsync_portal.cli import emit, refuse
from refresh.models import RefreshRun
from refresh.services import refresh_launch

WAIT_SECONDS = 30 * 60  # the longest a job may run (CELERY_TASK_TIME_LIMIT)


class Command(BaseCommand):
    help = "Met à jour les élèves d'un établissement depuis NetSynchro, comme la mise à jour automatique."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--year", type=int, help="première année de l'année scolaire (défaut : l'actuelle)")

    def handle(self, *args: Any, **options: Any) -> None:
        uai = normalise_uai(options["uai"])
        with scopes_disabled():
            establishment = Establishment.objects.filter(uai=uai).select_related("organisation").first()
        if establishment is None:
            refuse(self.stdout, f"Établissement inconnu : {uai}.")
        year = options["year"]
        if year is not None and year not in selectable_school_years():
            refuse(self.stdout, f"Année scolaire {year} hors de la période gérée par le portail.")
        run = refresh_launch(establishment=establishment, school_year=year)
        if run.job_id is None:  # not started: recorded (and a problem mailed once) as beat would
            emit(self.stdout, {"error": run.message, "status": run.outcome, "emails": run.emails})
            raise SystemExit(1)
        # The job is also queued; whichever delivery claims it first runs it, the other one does nothing.
        job_run(job_id=str(run.job_id))
        self._report(run)

    def _finished_job(self, run: RefreshRun) -> Job:
        """The job once a delivery finished it (a worker may have claimed it first): bounded wait."""
        deadline = time.monotonic() + WAIT_SECONDS
        assert run.job_id is not None  # only a started refresh is followed
        with scopes_disabled():
            job = Job.objects.get(pk=run.job_id)
            while job.status in (JobStatus.QUEUED, JobStatus.RUNNING) and time.monotonic() < deadline:
                time.sleep(1)
                job.refresh_from_db()
            run.refresh_from_db()
        return job

    def _report(self, run: RefreshRun) -> None:
        job = self._finished_job(run)
        if job.status == "failed":
            emit(self.stdout, {"error": job.error, "job": str(job.pk), "status": job.status, "emails": run.emails})
            raise SystemExit(1)
        emit(
            self.stdout,
            {"job": str(job.pk), "status": job.status, "changed": run.changed, "applied": run.applied,
             "emails": run.emails},
        )  # fmt: skip
