"""The life of a job: create, dispatch fairly, claim, finish, confirm, cancel, reap, purge.

Every state change is a conditional UPDATE (filter on the expected status, count the rows): two
deliveries of a task, a double click or the reaper racing a worker can never both win.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import socket
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from establishments.models import Establishment, Organisation
from jobs import progress
from jobs.journal import job_journal
from jobs.models import Job, JobFile, JobKind, JobStatus

logger = logging.getLogger(__name__)

ALREADY_RUNNING = "Un import est déjà en cours pour cet établissement"
SCHEDULED_LABEL = "planification"
INTERRUPTED = (
    "Le traitement s'est arrêté avant la fin (serveur redémarré ou surchargé). Rien n'a été modifié : "
    "relancez l'import. Si cela se reproduit, contactez l'équipe de la plateforme."
)
TOO_MANY_ATTEMPTS = (
    "Le traitement s'est arrêté plusieurs fois de suite. Rien n'a été modifié : contactez l'équipe de la plateforme."
)
UNEXPECTED = "Erreur inattendue pendant le traitement. Rien n'a été modifié : relancez l'import plus tard."
PREVIEW_EXPIRED = "Aperçu expiré sans confirmation : relancez l'import."

# kind → the function doing the work (called with the claimed job, inside its establishment's scope).
# It ends the job itself (job_succeed, job_await_confirmation) or raises JobFailed.
RUNNERS: dict[str, Callable[[Job], None]] = {}
# kind → Celery task name; the name's prefix routes it to its queue (imports.*, exports.*).
TASKS: dict[str, str] = {JobKind.IMPORT_SIECLE: "imports.run_job"}


class JobRefused(Exception):
    """The job cannot be created; ``message`` is French, for the page (``details``: one line per problem)."""

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or [message]


class JobFailed(Exception):
    """The work failed in an expected way; ``message`` says, in French, what went wrong and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def job_create(
    *,
    establishment: Establishment,
    school_year: int,
    kind: str,
    options: dict[str, Any],
    requested_by: User | None,
    files: Sequence[tuple[str, str, bytes]] = (),
) -> Job:
    """Create a queued job with its input files (name, kind, bytes) and dispatch it once committed.

    Raises JobRefused when an import is already active for the establishment.
    """
    label = requested_by.get_username() if requested_by is not None else SCHEDULED_LABEL
    try:
        with transaction.atomic(), scopes_disabled():
            job = Job.objects.create(
                organisation_id=establishment.organisation_id,
                establishment=establishment,
                school_year=school_year,
                kind=kind,
                options=options,
                requested_by=requested_by,
                requested_by_label=label,
                step=progress.STEPS["queued"][0],
            )
            for name, file_kind, data in files:
                job_file_add(job=job, name=name, kind=file_kind, data=data)
            transaction.on_commit(partial(jobs_dispatch, organisation_id=job.organisation_id))
    except IntegrityError:
        raise JobRefused(ALREADY_RUNNING) from None
    job_journal(job, "requested")
    return job


def establishment_scope(establishment: Establishment) -> Any:
    """The tenant scope of one establishment, for work outside a request (tasks, beat, commands)."""
    return scope(organisation=establishment.organisation_id, establishment=[establishment])


def job_file_add(*, job: Job, name: str, kind: str, data: bytes) -> JobFile:
    sha256 = hashlib.sha256(data).hexdigest()
    job_file = JobFile(job=job, name=name[:255], kind=kind, sha256=sha256, size=len(data))
    job_file.content.save(name, ContentFile(data), save=False)
    job_file.save()
    return job_file


def _in_flight(organisation_id: int) -> int:
    return Job.objects.filter(
        Q(status=JobStatus.RUNNING) | Q(status=JobStatus.QUEUED, dispatched_at__isnull=False),
        organisation_id=organisation_id,
    ).count()


def jobs_dispatch(*, organisation_id: int) -> list[str]:
    """Send the organisation's oldest waiting jobs to the queue, keeping at most
    JOB_MAX_RUNNING_PER_ORGANISATION of them in flight, so one big organisation cannot fill a shared
    queue ahead of everybody else. Called when a job is created or ends, and by the reaper."""
    with transaction.atomic(), scopes_disabled():
        # The lock serialises the dispatchers of one organisation: the count below stays true.
        Organisation.objects.select_for_update().filter(pk=organisation_id).first()
        room = settings.JOB_MAX_RUNNING_PER_ORGANISATION - _in_flight(organisation_id)
        if room <= 0:
            return []
        waiting = Job.objects.filter(organisation_id=organisation_id, status=JobStatus.QUEUED, dispatched_at=None)
        jobs = list(waiting.order_by("created_at").values_list("pk", "kind")[:room])
        Job.objects.filter(pk__in=[pk for pk, _kind in jobs]).update(dispatched_at=timezone.now())
        for pk, kind in jobs:
            transaction.on_commit(partial(_send, str(pk), kind))
    return [str(pk) for pk, _kind in jobs]


def _send(job_id: str, kind: str) -> None:
    from netsync_portal.celery import app

    # The job id is the task id: a re-sent job is recognisable in the broker and in the worker's logs.
    app.send_task(TASKS[kind], args=[job_id], task_id=job_id)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _attempt_lost(job: Job, now: datetime.datetime) -> bool:
    """The running attempt recorded on the job is gone: it stopped beating, or its process died on this
    host (known at once, without waiting for JOB_STALE_SECONDS)."""
    beat = progress.heartbeat_read(job.pk) or 0
    last = max(beat, job.heartbeat_at.timestamp() if job.heartbeat_at else 0)
    if now.timestamp() - last > settings.JOB_STALE_SECONDS:
        return True
    host, _, pid = job.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        return int(pid) == os.getpid() or not _process_alive(int(pid))
    return False


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def job_claim(*, job_id: str, worker: str) -> Job | None:
    """Take the job for this attempt; None when another delivery has it or it is no longer waiting.

    A job still marked running whose attempt died (SIGKILL, OOM: the message comes back thanks to
    ``reject_on_worker_lost``) is taken over; its transaction was rolled back with the dead connection.
    """
    now = timezone.now()
    running = {"status": JobStatus.RUNNING, "started_at": now, "heartbeat_at": now, "worker": worker}
    with scopes_disabled():
        claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(**running, attempts=F("attempts") + 1)
        if not claimed:
            stale = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).first()
            if stale is None or not _attempt_lost(stale, now):
                return None
            claimed = Job.objects.filter(
                pk=job_id, status=JobStatus.RUNNING, worker=stale.worker, attempts=stale.attempts
            ).update(**running, attempts=F("attempts") + 1)
        job = Job.objects.select_related("establishment__organisation").filter(pk=job_id).first()
    if not claimed or job is None:
        return None
    if job.attempts > settings.JOB_MAX_ATTEMPTS:
        job_fail(job=job, message=TOO_MANY_ATTEMPTS)
        return None
    return job


def job_run(*, job_id: str) -> None:
    """The body of every job task: claim, run the kind's runner with a heartbeat, record the outcome."""
    job = job_claim(job_id=job_id, worker=worker_name())
    if job is None:
        return
    job_journal(job, "started")
    try:
        with progress.heartbeat(job.pk), establishment_scope(job.establishment):
            RUNNERS[job.kind](job)
    except JobFailed as failure:
        job_fail(job=job, message=failure.message)
    except Exception:
        logger.exception("job %s failed", job.pk)
        job_fail(job=job, message=UNEXPECTED)
    finally:
        jobs_dispatch(organisation_id=job.organisation_id)


def _finish(job: Job, status: str, **fields: Any) -> bool:
    """Move a running job of this attempt to ``status``; False when it is no longer ours (reaped)."""
    now = timezone.now()
    finished = {"finished_at": now} if status != JobStatus.AWAITING_CONFIRMATION else {}
    with scopes_disabled():
        changed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=job.worker).update(
            status=status, heartbeat_at=now, **finished, **fields
        )
    if changed:
        for name, value in {"status": status, **finished, **fields}.items():
            setattr(job, name, value)
        # Inside the import's transaction when it succeeds: the outcome and the data commit together.
        transaction.on_commit(partial(progress.progress_clear, job.pk))
        transaction.on_commit(partial(job_journal, job, status))
    return bool(changed)


def job_succeed(*, job: Job, result: dict[str, Any], **fields: Any) -> bool:
    return _finish(job, JobStatus.SUCCEEDED, result=result, step="Terminé", progress_done=100, **fields)


def job_await_confirmation(*, job: Job, preview: dict[str, Any], digest: str) -> bool:
    return _finish(
        job,
        JobStatus.AWAITING_CONFIRMATION,
        preview=preview,
        preview_digest=digest,
        step="Aperçu de l'import",
        progress_done=100,
    )


def job_fail(*, job: Job, message: str) -> bool:
    return _finish(job, JobStatus.FAILED, error=message, step="Échec")


def job_confirm(*, job: Job) -> bool:
    """« Importer » on the preview: queue the job again to apply what was previewed. False if too late."""
    with transaction.atomic(), scopes_disabled():
        changed = Job.objects.filter(pk=job.pk, status=JobStatus.AWAITING_CONFIRMATION).update(
            status=JobStatus.QUEUED,
            confirmed_at=timezone.now(),
            dispatched_at=None,
            step=progress.STEPS["queued"][0],
            progress_done=0,
        )
        if changed:
            transaction.on_commit(partial(jobs_dispatch, organisation_id=job.organisation_id))
    if changed:
        job.refresh_from_db()
        job_journal(job, "confirmed")
    return bool(changed)


def job_cancel(*, job: Job, message: str = "") -> bool:
    """« Annuler »: a preview or a job not started yet; a running job cannot be cancelled halfway."""
    with scopes_disabled():
        changed = Job.objects.filter(pk=job.pk, status__in=(JobStatus.AWAITING_CONFIRMATION, JobStatus.QUEUED)).update(
            status=JobStatus.CANCELLED, finished_at=timezone.now(), step="Annulé", error=message
        )
    if changed:
        job.refresh_from_db()
        job_journal(job, "cancelled")
    return bool(changed)


def jobs_reap(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Beat: fail the running jobs whose heartbeat stopped (their slot is freed), expire old previews,
    then dispatch what waits."""
    now = now or timezone.now()
    reaped = 0
    with scopes_disabled():
        for job in Job.objects.filter(status=JobStatus.RUNNING).select_related("establishment"):
            if _attempt_lost(job, now) and job_fail(job=job, message=INTERRUPTED):
                reaped += 1
        expiry = now - datetime.timedelta(hours=settings.JOB_PREVIEW_EXPIRY_HOURS)
        expired = Job.objects.filter(status=JobStatus.AWAITING_CONFIRMATION, heartbeat_at__lt=expiry)
        cancelled = sum(job_cancel(job=job, message=PREVIEW_EXPIRED) for job in expired)
        organisations = set(Job.objects.filter(status=JobStatus.QUEUED).values_list("organisation_id", flat=True))
    for organisation_id in organisations:
        jobs_dispatch(organisation_id=organisation_id)
    return {"reaped": reaped, "expired_previews": cancelled}


def job_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Beat: delete the input files of jobs finished more than JOB_FILE_RETENTION_DAYS ago (the rows, with
    their SHA-256, stay for the history)."""
    limit = (now or timezone.now()) - datetime.timedelta(days=settings.JOB_FILE_RETENTION_DAYS)
    with scopes_disabled():
        return _purge(JobFile.objects.filter(purged_at=None, job__finished_at__lt=limit))


def job_files_discard(*, job: Job) -> int:
    """Delete a job's input files now, before the retention ends (a nightly refresh that found nothing new:
    they are the last import's files again, 1,000 establishments a night would fill the disk)."""
    with scopes_disabled():
        return _purge(JobFile.objects.filter(purged_at=None, job=job))


def _purge(files: QuerySet[JobFile]) -> int:
    purged = 0
    for job_file in files.iterator():
        job_file.content.delete(save=False)
        JobFile.objects.filter(pk=job_file.pk).update(purged_at=timezone.now(), content="")
        purged += 1
    return purged
