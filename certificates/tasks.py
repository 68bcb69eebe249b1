"""Celery tasks: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task

from certificates.services import certificate_expiry_check


@shared_task(name="certificates.check_expiry")
def check_certificate_expiry() -> dict:
    """Daily (beat): mark certificates reaching 30 days, 7 days or expiry and e-mail administrateurs once."""
    return certificate_expiry_check()
