"""Celery tasks: they receive an id (or nothing, for the beat) and call one service."""

from __future__ import annotations

from celery import shared_task

from exports.services import exports_follow
from jobs.services import job_run


# Re-runnable like the import: the file is generated once and a deposit is recorded before it is followed.
@shared_task(name="exports.run_job", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_export_job(job_id: str) -> None:
    job_run(job_id=job_id)


@shared_task(name="exports.follow_deposits", ignore_result=True)
def follow_deposits() -> dict[str, int]:
    return exports_follow()
