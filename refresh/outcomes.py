"""How a refresh ended: recorded on its RefreshRun, mailed once, problems reported once."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from establishments.models import Establishment
from jobs.models import Job, JobStatus
from jobs.selectors import netsynchro_ready
from jobs.services import ALREADY_RUNNING
from refresh import digest
from refresh.models import Outcome, RefreshRun, RefreshSchedule
from refresh.selectors import refresh_schedule_get

PROBLEM_FIELDS = ["problem_kind", "problem", "problem_since"]
FETCH_FAILED = "Récupération sur NetSynchro impossible"


def _run(job: Job) -> RefreshRun:
    with scopes_disabled():
        run = RefreshRun.objects.filter(job=job).first()
    return run or RefreshRun(establishment=job.establishment, job=job)


def _problem_cleared(schedule: RefreshSchedule) -> None:
    if schedule.pk and schedule.problem_kind:
        with scopes_disabled():
            RefreshSchedule.objects.filter(pk=schedule.pk).update(problem_kind="", problem="", problem_since=None)


def _problem_reported(establishment: Establishment, school_year: int, job: Job | None, kind: str, message: str) -> int:
    """Store the problem and mail it, unless this kind of problem is the one already reported: 0 then."""
    schedule = refresh_schedule_get(establishment=establishment)
    if schedule.problem_kind == kind:
        return 0
    schedule.problem_kind, schedule.problem, schedule.problem_since = kind, message, timezone.now()
    with scopes_disabled():
        schedule.save(update_fields=PROBLEM_FIELDS) if schedule.pk else schedule.save()
    return digest.problem_send(establishment=establishment, school_year=school_year, job=job, message=message)


def refresh_finished(*, job: Job, report: dict[str, Any], hold_reason: str) -> RefreshRun:
    """The exports were fetched and analysed: record it, mail the digest when something changed."""
    run = _run(job)
    run.changed = bool(report.get("changed"))
    run.applied = run.changed and job.status == JobStatus.SUCCEEDED
    run.outcome = Outcome.APPLIED if run.applied else Outcome.HELD if run.changed else Outcome.UNCHANGED
    run.message = hold_reason
    _problem_cleared(refresh_schedule_get(establishment=job.establishment))
    if run.changed:
        run.emails = digest.changes_send(job=job, report=report, hold_reason=hold_reason)
    with scopes_disabled():
        run.save()
    return run


def problem_kind(job: Job, message: str) -> str:
    if not message.startswith(FETCH_FAILED):
        return "import"
    ready = netsynchro_ready(establishments=[job.establishment], school_year=job.school_year)
    return "netsynchro" if ready.get(job.establishment.uai) else "certificate"


def refresh_failed(*, job: Job, message: str) -> RefreshRun:
    """The job failed: record it; mail it only when it is not the problem already reported (not every night)."""
    run = _run(job)
    run.outcome, run.message = Outcome.FAILED, message
    run.emails = _problem_reported(job.establishment, job.school_year, job, problem_kind(job, message), message)
    with scopes_disabled():
        run.save()
    return run


def refresh_refused(*, establishment: Establishment, school_year: int, message: str) -> RefreshRun:
    """No job could start: another import is active (skipped tonight), or no usable certificate (a problem)."""
    run = RefreshRun(establishment=establishment, message=message)
    if message == ALREADY_RUNNING:
        run.outcome = Outcome.SKIPPED
    else:
        run.outcome = Outcome.FAILED
        run.emails = _problem_reported(establishment, school_year, None, "certificate", message)
    with scopes_disabled():
        run.save()
    return run
