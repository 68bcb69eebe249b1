"""Celery tasks: they call one service."""

from __future__ import annotations

from celery import shared_task

from refresh.services import refresh_schedules_run_due


@shared_task(name="refresh.run_due", ignore_result=True)
def run_due_refreshes() -> int:
    return len(refresh_schedules_run_due())
