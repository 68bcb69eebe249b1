"""Celery tasks: they receive a job id only and call one service."""

from __future__ import annotations

from celery import shared_task

from jobs.services import job_files_purge, job_run, jobs_reap


# Re-runnable: the claim is a conditional update and the import is one transaction, so a message
# re-queued after a lost worker (late ack + reject_on_worker_lost) is safe; JOB_MAX_ATTEMPTS stops loops.
@shared_task(name="imports.run_job", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_import_job(job_id: str) -> None:
    job_run(job_id=job_id)


@shared_task(name="jobs.reap", ignore_result=True)
def reap_jobs() -> dict[str, int]:
    return jobs_reap()


@shared_task(name="jobs.purge_files", ignore_result=True)
def purge_job_files() -> int:
    return job_files_purge()
