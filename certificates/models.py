"""NetSynchro certificates, one per establishment (UAI) and school year, and their connection tests.

Their history (added, replaced, deleted, copied, rotated, tested) is in the organisation's journal
(``audit``).

The private key and the chain are stored only encrypted (``certificates.encryption``); everything else
on the row is clear metadata the pages, the expiry alerts and the audit need, none of it secret.
The primary key is a UUID generated in Python so it exists before the first encryption: it is part of
the associated data binding each blob to its row.
"""

from __future__ import annotations

import uuid
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils import timezone

from establishments.models import Establishment
from establishments.scoping import establishment_scoped_manager


class ExpiryNotice(models.TextChoices):
    """The last expiry threshold the administrateurs were e-mailed about (ordered by severity)."""

    NONE = "", "aucune"
    DAYS_30 = "30", "expire dans 30 jours"
    DAYS_7 = "7", "expire dans 7 jours"
    EXPIRED = "expired", "expiré"


EXPIRY_SEVERITY: dict[str, int] = {
    ExpiryNotice.NONE: 0,
    ExpiryNotice.DAYS_30: 1,
    ExpiryNotice.DAYS_7: 2,
    ExpiryNotice.EXPIRED: 3,
}


class Certificate(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="netsynchro_certificates", verbose_name="établissement"
    )
    school_year = models.PositiveSmallIntegerField("année scolaire")
    subject = models.CharField("sujet", max_length=1000)
    issuer = models.CharField("émetteur", max_length=1000)
    serial_number = models.CharField("numéro de série", max_length=80)
    not_before = models.DateTimeField("valide à partir du")
    not_after = models.DateTimeField("valide jusqu'au")
    fingerprint_sha256 = models.CharField("empreinte SHA-256", max_length=64)
    # AES-256-GCM blobs (certificates.keyring format); never shown, never logged, never in the admin.
    encrypted_key = models.BinaryField(editable=False)
    encrypted_chain = models.BinaryField(editable=False)
    expiry_notice = models.CharField(max_length=8, choices=ExpiryNotice.choices, default=ExpiryNotice.NONE, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="déposé par",
    )
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)
    # Whether both blobs decrypted the last time they were checked (at install, copy and key rotation):
    # the pages show this instead of decrypting every key on each render.
    integrity_ok = models.BooleanField("intégrité vérifiée", default=True)
    integrity_checked_at = models.DateTimeField("intégrité vérifiée le", default=timezone.now)

    objects: ClassVar[models.Manager[Self]] = establishment_scoped_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["establishment", "school_year"], name="one_certificate_per_uai_and_year")
        ]
        ordering = ["school_year", "establishment__uai"]
        verbose_name = "certificat NetSynchro"
        verbose_name_plural = "certificats NetSynchro"

    def __str__(self) -> str:
        return f"{self.establishment.uai} {self.school_year}-{self.school_year + 1} ({self.fingerprint_sha256[:16]}…)"


class ConnectionTestState(models.TextChoices):
    QUEUED = "queued", "en attente"
    RUNNING = "running", "en cours"
    DONE = "done", "terminé"


class ConnectionTestResult(models.TextChoices):
    ACCEPTED = "accepted", "accepté par NetSynchro"
    REFUSED = "refused", "refusé par NetSynchro"
    UNREACHABLE = "unreachable", "plateforme injoignable"
    ERROR = "error", "test impossible"


class ConnectionTest(models.Model):
    """« Tester la connexion »: one run of a certificate against NetSynchro (state kept small so the run
    can later move onto the generic jobs). The fingerprint says which file was tested: a replaced
    certificate does not inherit its predecessor's result."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="connection_tests")
    fingerprint_sha256 = models.CharField("empreinte SHA-256", max_length=64)
    state = models.CharField(
        "état", max_length=8, choices=ConnectionTestState.choices, default=ConnectionTestState.QUEUED
    )
    result = models.CharField("résultat", max_length=12, choices=ConnectionTestResult.choices, blank=True)
    message = models.CharField("message", max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("demandé le", default=timezone.now)
    tested_at = models.DateTimeField("testé le", null=True, blank=True)

    objects: ClassVar[models.Manager[Self]] = establishment_scoped_manager("certificate__establishment")

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "test de connexion"
        verbose_name_plural = "tests de connexion"

    def __str__(self) -> str:
        return f"{self.certificate} {self.get_state_display()} {self.result}"
