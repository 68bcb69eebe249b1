"""Celery tasks: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task

from certificates.connection import connection_test_run
from certificates.services import certificate_expiry_check


@shared_task(name="certificates.check_expiry")
def check_certificate_expiry() -> dict:
    """Daily (beat): mark certificates reaching 30 days, 7 days or expiry and e-mail administrateurs once."""
    return certificate_expiry_check()


@shared_task(name="certificates.test_connection")
def run_connection_test(test_id: int) -> str:
    """« Tester la connexion »: one connection to NetSynchro with the certificate; the result is on the row."""
    test = connection_test_run(test_id=test_id)
    return test.result if test else "already_claimed"
