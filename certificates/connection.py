"""« Tester la connexion »: connect to NetSynchro with a stored certificate and record the answer in French.

The request row is the state (queued → running → done); the Celery task only calls
``connection_test_run``, so the run can later move onto the generic jobs unchanged.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from audit.kinds import AuditKind
from audit.services import audit_record
from certificates.models import Certificate, ConnectionTest, ConnectionTestResult, ConnectionTestState
from certificates.selectors import certificate_integrity_check
from establishments.school_years import school_year_label
from netsynchro.errors import CertificateRefused, NetSynchroError, NotFound, PlatformUnavailable, ServerNotTrusted
from netsynchro.services import check_connection

logger = logging.getLogger(__name__)

ACTIVE_STATES = (ConnectionTestState.QUEUED, ConnectionTestState.RUNNING)


def connection_test_request(*, certificate: Certificate, actor: User | None) -> ConnectionTest:
    """Queue a test of ``certificate`` (or return the one already queued or running)."""
    from certificates.tasks import run_connection_test  # noqa: PLC0415 - tasks import this module

    with transaction.atomic():
        pending = ConnectionTest.objects.filter(certificate=certificate, state__in=ACTIVE_STATES).first()
        if pending is not None:
            return pending
        test = ConnectionTest.objects.create(
            certificate=certificate, fingerprint_sha256=certificate.fingerprint_sha256, requested_by=actor
        )
        transaction.on_commit(lambda: run_connection_test.delay(test.pk))
    return test


def connection_test_run(*, test_id: int) -> ConnectionTest | None:
    """Run a queued test once (compare-and-set: a redelivered message finds it already claimed)."""
    with scopes_disabled():
        claimed = ConnectionTest.objects.filter(pk=test_id, state=ConnectionTestState.QUEUED).update(
            state=ConnectionTestState.RUNNING
        )
        if not claimed:
            return None
        test = ConnectionTest.objects.select_related("certificate__establishment__organisation").get(pk=test_id)
        result, message = _outcome(test.certificate)
        test.state, test.result, test.message, test.tested_at = (
            ConnectionTestState.DONE,
            result,
            message,
            timezone.now(),
        )
        test.save(update_fields=["state", "result", "message", "tested_at"])
    _record(test)
    return test


def _outcome(certificate: Certificate) -> tuple[str, str]:
    establishment = certificate.establishment
    if certificate.not_after <= timezone.now():
        day = f"{timezone.localtime(certificate.not_after):%d/%m/%Y}"
        return ConnectionTestResult.REFUSED, f"Refusé : le certificat a expiré le {day}. Installez-en un nouveau."
    if not certificate_integrity_check(certificate):
        return ConnectionTestResult.ERROR, "Test impossible : le certificat enregistré est illisible. Réinstallez-le."
    try:
        check_connection(establishment=establishment, year=certificate.school_year)
    except (CertificateRefused, NotFound) as error:
        return ConnectionTestResult.REFUSED, f"Refusé par NetSynchro : {error.message}"
    except (PlatformUnavailable, ServerNotTrusted) as error:
        return ConnectionTestResult.UNREACHABLE, error.message
    except NetSynchroError as error:
        logger.warning("Connection test uai=%s failed: %s", establishment.uai, error.code)
        return ConnectionTestResult.ERROR, error.message
    return (
        ConnectionTestResult.ACCEPTED,
        f"Connexion acceptée : NetSynchro reconnaît le certificat de {establishment.uai}.",
    )


def _record(test: ConnectionTest) -> None:
    certificate = test.certificate
    establishment = certificate.establishment
    audit_record(
        organisation=establishment.organisation,
        establishment=establishment,
        kind=AuditKind.CERTIFICATE_TESTED,
        actor=test.requested_by,
        summary=f"Test de connexion du certificat de {establishment.uai} ({school_year_label(certificate.school_year)}) : "
        f"{test.get_result_display()}.",
        details={"resultat": test.result, "message": test.message, "empreinte_sha256": test.fingerprint_sha256},
    )
