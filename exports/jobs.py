"""The export as a job on the ``exports`` queue: generate the file once, then (« NetSynchro ») deposit it
and follow the deposit until « Intégré » or « Rejeté » within ``EXPORT_DEPOSIT_WAIT`` seconds; the beat
(``exports.follow_deposits``) follows what is still pending after that."""

from __future__ import annotations

from django.conf import settings
from django_scopes import scopes_disabled

from exports.models import Delivery, DepositStatus, Export
from exports.services import BLOCKED, export_deposit, export_deposit_wait, export_generate, export_store
from jobs import progress
from jobs.models import Job, JobKind
from jobs.services import RUNNERS, TASKS, JobFailed, job_fail, job_succeed
from netsynchro.errors import DepositTimeout, NetSynchroError

TASK_NAME = "exports.run_job"


def _step(job: Job, label: str, percent: int) -> None:
    progress.progress_publish(job.pk, progress.Progress(label, percent))


def _result(export: Export) -> dict[str, object]:
    return {
        "export_id": str(export.pk),
        "filename": export.filename,
        "bytes": export.size,
        "deposit": {"id": export.deposit_id, "status": export.deposit_status} if export.deposit_id else None,
    }


def _generate(job: Job, export: Export) -> Export:
    if export.generated_at is not None:  # a re-run keeps the file already made (and maybe deposited)
        return export
    _step(job, "Contrôles et génération du fichier", 10)
    generated = export_generate(
        establishment=job.establishment,
        school_year=job.school_year,
        target=export.target,
        send_number=export.send_number,
    )
    if generated.content is None:
        export.checks = generated.report.as_dict()
        export.save(update_fields=["checks"])
        raise JobFailed(BLOCKED)
    return export_store(export=export, generated=generated)


def _deposit(job: Job, export: Export) -> Export:
    _step(job, "Dépôt sur NetSynchro", 60)
    try:
        export = export_deposit(export=export)
        _step(job, "Suivi du dépôt sur NetSynchro", 80)
        if not export.deposit_final:
            export = export_deposit_wait(export=export, timeout=settings.EXPORT_DEPOSIT_WAIT)
    except DepositTimeout:
        return export  # still pending: the beat follows it, the page shows its status
    except NetSynchroError as error:
        raise JobFailed(error.message) from None
    return export


def run_export_job(job: Job) -> None:
    with scopes_disabled():
        export = Export.objects.select_related("establishment").get(job=job)
    export = _generate(job, export)
    if export.delivery == Delivery.NETSYNCHRO:
        export = _deposit(job, export)
        if export.deposit_status == DepositStatus.REJETE:
            messages = " ".join(export.deposit_messages)
            job_fail(job=job, message=f"Dépôt rejeté par NetSynchro. {messages}".strip())
            return
    job_succeed(job=job, result=_result(export))


RUNNERS[JobKind.EXPORT_MINISTRY] = run_export_job
TASKS[JobKind.EXPORT_MINISTRY] = TASK_NAME
