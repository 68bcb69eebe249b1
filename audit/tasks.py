"""Celery tasks: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task

from audit.services import audit_purge


@shared_task(name="audit.purge")
def purge_audit_journal() -> dict:
    """Daily (beat): delete the journal events older than ``AUDIT_RETENTION_DAYS``."""
    return audit_purge()
