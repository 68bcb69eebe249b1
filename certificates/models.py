"""NetSynchro certificates, one per establishment (UAI) and school year, and their audit trail.

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


class CertificateAction(models.TextChoices):
    ADDED = "added", "ajout"
    REPLACED = "replaced", "remplacement"
    DELETED = "deleted", "suppression"
    COPIED = "copied", "reprise de l'année précédente"
    ROTATED = "rotated", "rechiffrement (rotation des clés)"


class CertificateEvent(models.Model):
    """Who did what to which certificate, when. Rows are only ever added (the admin is read-only)."""

    establishment = models.ForeignKey(
        Establishment,
        on_delete=models.CASCADE,
        related_name="netsynchro_certificate_events",
        verbose_name="établissement",
    )
    uai = models.CharField("UAI", max_length=8)  # kept as written at the time of the event
    school_year = models.PositiveSmallIntegerField("année scolaire")
    action = models.CharField("action", max_length=16, choices=CertificateAction.choices)
    fingerprint_sha256 = models.CharField("empreinte SHA-256", max_length=64)
    certificate_id = models.UUIDField("certificat", null=True, blank=True)  # no FK: deletions are audited too
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="auteur",
    )
    actor_label = models.CharField("auteur (libellé)", max_length=200)
    at = models.DateTimeField("date", default=timezone.now, db_index=True)

    objects: ClassVar[models.Manager[Self]] = establishment_scoped_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "événement de certificat"
        verbose_name_plural = "événements de certificats"

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.uai} {self.school_year} par {self.actor_label}"
        )
