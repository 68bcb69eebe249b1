"""The run of a refresh job, once started through ``jobs.imports.import_job_start`` with the refresh
trigger: fetch the exports, analyse them inside the import's transaction, then

- nothing new: the transaction is rolled back, the job succeeds, nothing is written, no e-mail;
- policy « Préparer un aperçu à valider », or too many departures: the job waits as a preview (the same
  « Aperçu de l'import » page, whose « Importer » applies it like a manual import);
- otherwise the difference is written, the job's outcome committed with it.

Then the administrateurs get one digest when something changed, and a problem is reported once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from jobs import progress
from jobs.imports import TRIGGERED_RUNNERS, import_job_files, import_job_options
from jobs.models import Job
from jobs.preview import import_preview, plan_digest
from jobs.services import JobFailed, job_await_confirmation, job_files_discard, job_succeed
from refresh import outcomes
from refresh.changes import digest_lists
from refresh.models import Policy
from refresh.selectors import refresh_schedule_get
from refresh.services import TRIGGER
from siecle.importing import ImportAnalysis, ImportRefused, import_apply
from siecle.models import Student

POLICY_HOLD = "Mise à jour préparée en aperçu : elle attend votre validation (choix « Préparer un aperçu à valider »)."


@dataclass
class Analysed:
    """What the gate saw: the report to keep on the job and mail, and why it was not written."""

    report: dict[str, Any] = field(default_factory=dict)
    digest: str = ""
    hold_reason: str = ""


class _Stop(Exception):
    """Leave the import's transaction without writing (nothing new, or held for validation)."""


def departures_guard(analysis: ImportAnalysis, departures: int) -> str:
    """Why the departures are too many to apply unattended (a truncated export must not empty a school)."""
    present = Student.objects.filter(
        establishment=analysis.establishment, school_year=analysis.school_year, is_active=True
    ).count()
    limit = settings.REFRESH_MAX_DEPARTURE_SHARE
    if not present or departures / present <= limit:
        return ""
    return (
        f"{departures} élèves sur {present} ({departures / present:.0%}) seraient marqués sortis, plus que le "
        f"seuil de {limit:.0%} : la mise à jour n'a pas été appliquée et attend votre validation "
        "(un export incomplet ne doit pas vider l'établissement)."
    )


def _gate(job: Job, analysed: Analysed, analysis: ImportAnalysis) -> None:
    if not analysis.changes_anything:
        analysed.report = analysis.summary(dry_run=False)
        raise _Stop
    analysed.report = {**import_preview(analysis), **digest_lists(analysis)}
    guard = departures_guard(analysis, len(analysed.report["departures"]))
    policy = refresh_schedule_get(establishment=job.establishment).policy
    analysed.hold_reason = guard or (POLICY_HOLD if policy == Policy.PREVIEW else "")
    if analysed.hold_reason:
        analysed.report["warnings"] = [analysed.hold_reason, *analysed.report["warnings"]]
        analysed.digest = plan_digest(analysis.plan)
        raise _Stop


def _analyse_and_write(job: Job) -> Analysed:
    analysed = Analysed()
    files = import_job_files(job)
    try:
        with transaction.atomic():
            result = import_apply(
                establishment=job.establishment,
                school_year=job.school_year,
                files=files,
                options=import_job_options(job),
                progress=progress.Throttled(job.pk),
                before_write=lambda analysis: _gate(job, analysed, analysis),
            )
            job_succeed(job=job, result=result.summary(), preview=analysed.report, import_run=result.run)
    except _Stop:
        if analysed.digest:
            job_await_confirmation(job=job, preview=analysed.report, digest=analysed.digest)
        else:
            job_succeed(job=job, result=analysed.report)
            job_files_discard(job=job)
    except ImportRefused as refused:
        raise JobFailed("Import refusé, rien n'a été modifié : " + " ".join(refused.analysis.errors)) from None
    return analysed


def run_refresh(job: Job) -> None:
    try:
        analysed = _analyse_and_write(job)
    except JobFailed as failure:
        outcomes.refresh_failed(job=job, message=failure.message)
        raise
    outcomes.refresh_finished(job=job, report=analysed.report, hold_reason=analysed.hold_reason)


TRIGGERED_RUNNERS[TRIGGER] = run_refresh
