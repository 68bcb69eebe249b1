"""Reads on certificates: statuses for the page, banners, the audit trail, and the TLS context the
NetSynchro client uses to present an establishment's certificate."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django_scopes import scopes_disabled

from audit.models import AuditEvent
from certificates import encryption
from certificates.keyring import DecryptionError
from certificates.models import Certificate, ConnectionTest, ConnectionTestState
from certificates.status import (
    NO_CERTIFICATE,
    UNREADABLE,
    WARNING_DAYS,
    CertificateStatus,
    school_year_status,
    validity_status,
)
from certificates.tls import client_ssl_context
from establishments.models import Establishment
from establishments.school_years import current_school_year, school_year_label

if TYPE_CHECKING:  # the middleware module imports selectors
    from establishments.middleware import EstablishmentRequest

SSL_CONTEXT_TTL_SECONDS = 300


class CertificateUnavailable(Exception):
    """No usable certificate for an establishment and year; ``message`` is French, for the job log."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CertificateRow:
    establishment: Establishment
    certificate: Certificate | None
    status: CertificateStatus
    previous_year_available: bool  # "reprendre le certificat de l'année précédente" is possible
    last_test: ConnectionTest | None = None


def certificate_for(*, establishment: Establishment, school_year: int) -> Certificate | None:
    return Certificate.objects.filter(establishment=establishment, school_year=school_year).first()


def installed_for(*, establishments: Iterable[Establishment], school_year: int) -> frozenset[int]:
    """Ids of the establishments that already have a certificate for ``school_year``."""
    found = Certificate.objects.filter(establishment__in=list(establishments), school_year=school_year)
    return frozenset(found.values_list("establishment_id", flat=True))


def certificate_status(certificate: Certificate | None, *, now: datetime | None = None) -> CertificateStatus:
    """Dates decide valid/expiring/expired (and "expires during its school year"); the integrity recorded
    at install, copy and key rotation makes it "illisible". Never decrypts: the list renders every row."""
    if certificate is None:
        return NO_CERTIFICATE
    if not certificate.integrity_ok:
        return UNREADABLE
    status = validity_status(certificate.not_after, now)
    return school_year_status(certificate.not_after, certificate.school_year, now) if status.code == "valid" else status


def certificate_integrity_check(certificate: Certificate) -> bool:
    """Decrypt both blobs (authenticated: proves they are intact and bound to this row) and record the
    outcome on the row. For the commands and the connection test, not for the pages."""
    try:
        encryption.unseal(certificate)
        intact = True
    except DecryptionError:
        intact = False
    Certificate.objects.filter(pk=certificate.pk).update(integrity_ok=intact, integrity_checked_at=timezone.now())
    certificate.integrity_ok = intact
    return intact


def certificate_rows(
    *, establishments: Iterable[Establishment], school_year: int, now: datetime | None = None
) -> list[CertificateRow]:
    establishments = list(establishments)
    current = {c.establishment_id: c for c in _of_year(establishments, school_year)}
    previous = {c.establishment_id for c in _of_year(establishments, school_year - 1).only("establishment_id")}
    tests = last_connection_tests(list(current.values()))
    return [
        CertificateRow(
            establishment=establishment,
            certificate=current.get(establishment.pk),
            status=certificate_status(current.get(establishment.pk), now=now),
            previous_year_available=establishment.pk in previous and establishment.pk not in current,
            last_test=tests.get(current[establishment.pk].pk) if establishment.pk in current else None,
        )
        for establishment in establishments
    ]


def _of_year(establishments: list[Establishment], school_year: int) -> QuerySet[Certificate]:
    # The encrypted blobs are not even read: the list needs only clear metadata.
    blobs = ("encrypted_key", "encrypted_chain")
    return Certificate.objects.filter(establishment__in=establishments, school_year=school_year).defer(*blobs)


def last_connection_tests(certificates: list[Certificate]) -> dict[object, ConnectionTest]:
    """The latest test of each certificate's current file (a replaced file starts without a result)."""
    latest: dict[object, ConnectionTest] = {}
    tests = ConnectionTest.objects.filter(certificate__in=certificates).order_by("-requested_at", "-id")
    fingerprints = {c.pk: c.fingerprint_sha256 for c in certificates}
    for test in tests:
        if test.certificate_id not in latest and fingerprints.get(test.certificate_id) == test.fingerprint_sha256:
            latest[test.certificate_id] = test
    return latest


def connection_test_pending(certificate: Certificate) -> bool:
    active = (ConnectionTestState.QUEUED, ConnectionTestState.RUNNING)
    return ConnectionTest.objects.filter(certificate=certificate, state__in=active).exists()


def certificate_events(*, establishments: Iterable[Establishment], limit: int = 50) -> list[AuditEvent]:
    """The certificates' history, read from the organisation's journal."""
    events = AuditEvent.objects.filter(establishment__in=list(establishments), kind__startswith="certificate.")
    return list(events[:limit])


def certificate_summary(certificate: Certificate) -> dict:
    """The public description printed by the commands: never a secret."""
    return {
        "uai": certificate.establishment.uai,
        "year": certificate.school_year,
        "subject": certificate.subject,
        "not_after": iso_utc(certificate.not_after),
        "fingerprint_sha256": certificate.fingerprint_sha256,
    }


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def certificate_banners(request: HttpRequest) -> list[dict]:
    """Banners for the organisation's administrateurs: this year's certificates expiring within 30 days."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.is_administrateur:
        return []
    now = timezone.now()
    year = current_school_year()
    certificates = Certificate.objects.filter(
        establishment__in=list(getattr(request, "accessible_establishments", [])),
        school_year=year,
        not_after__lt=now + timedelta(days=WARNING_DAYS + 1),
    ).select_related("establishment")
    banners = []
    for certificate in certificates:
        status = validity_status(certificate.not_after, now)
        if status.code == "valid":
            continue
        what = "a expiré" if status.code == "expired" else status.label
        establishment = certificate.establishment
        banners.append(
            {
                "level": "error" if status.code == "expired" else "warning",
                "message": f"Le certificat NetSynchro de {establishment.name} ({establishment.uai}) pour "
                f"{school_year_label(year)} {what} : remplacez-le dans « Gérer les certificats NetSynchro ».",
            }
        )
    return banners


_contexts: dict[tuple, tuple[float, ssl.SSLContext]] = {}
_contexts_lock = threading.Lock()


def certificate_ssl_context(
    *, establishment: Establishment, year: int, cafile: str | Path, now: datetime | None = None
) -> ssl.SSLContext:
    """A client TLS context presenting ``establishment``'s certificate for ``year``, built in memory
    (``certificates.tls``), verifying the server against ``cafile``. Pass it to httpx as ``verify=``.

    Raises ``CertificateUnavailable`` when there is no certificate, or it has expired or is unreadable.
    Contexts are cached briefly per (certificate, fingerprint, CA file); a replaced certificate has a new
    fingerprint, so it is never served stale.
    """
    # The establishment is explicit and every lookup filters on it, so this works from tasks with or
    # without an active tenant scope.
    with scopes_disabled():
        certificate = certificate_for(establishment=establishment, school_year=year)
    label = f"{establishment.uai} ({school_year_label(year)})"
    if certificate is None:
        raise CertificateUnavailable(f"Aucun certificat NetSynchro n'est installé pour {label}.")
    if certificate.not_after <= (now or timezone.now()):
        raise CertificateUnavailable(f"Le certificat NetSynchro de {label} a expiré.")
    cache_key = (certificate.pk, certificate.fingerprint_sha256, str(cafile))
    with _contexts_lock:
        cached = _contexts.get(cache_key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
    try:
        key_pem, chain_pem = encryption.unseal(certificate)
    except DecryptionError:
        raise CertificateUnavailable(f"Le certificat NetSynchro de {label} est illisible.") from None
    context = client_ssl_context(chain_pem=chain_pem, key_pem=key_pem, cafile=cafile)
    with _contexts_lock:
        _contexts[cache_key] = (time.monotonic() + SSL_CONTEXT_TTL_SECONDS, context)
    return context


def clear_ssl_context_cache() -> None:
    with _contexts_lock:
        _contexts.clear()


def certificate_todo(request: EstablishmentRequest) -> list[str]:
    """What the establishment's home should ask for: this year's certificate missing, expiring or unusable."""
    establishment, year = request.establishment, current_school_year()
    label = f"{establishment.uai} ({school_year_label(year)})"
    certificate = _of_year([establishment], year).first()
    who = "installez-le" if request.membership.is_administrateur else "demandez à un administrateur de l'installer"
    if certificate is None:
        return [
            f"Aucun certificat NetSynchro n'est installé pour {label} : {who} dans « Gérer les certificats NetSynchro »."
        ]
    status = certificate_status(certificate)
    if status.code in ("valid",):
        return []
    who = "remplacez-le" if request.membership.is_administrateur else "prévenez un administrateur"
    return [f"Certificat NetSynchro de {label} : {status.label} ; {who}."]
