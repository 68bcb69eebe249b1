"""One row per export: what was checked, the file (kept to be downloaded again or re-deposited as is)
and the NetSynchro deposit followed to its end. The job (``jobs.Job``) carries the run and its progress."""

from __future__ import annotations

import uuid

from django.db import models

from exports.targets import Target
from jobs.models import Job
from siecle.models.base import YearScopedModel


class Delivery(models.TextChoices):
    NETSYNCHRO = "netsynchro", "NetSynchro"
    DOWNLOAD = "download", "Télécharger le fichier"


class DepositStatus(models.TextChoices):
    """The platform's statuses (docs/netsynchro.md §4), with the labels the pages show."""

    RECU = "recu", "Reçu"
    EN_TRAITEMENT = "en_traitement", "En traitement"
    INTEGRE = "integre", "Intégré"
    REJETE = "rejete", "Rejeté"


FINAL_DEPOSIT_STATUSES = (DepositStatus.INTEGRE, DepositStatus.REJETE)


class Export(YearScopedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job = models.OneToOneField(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="export")
    target = models.CharField("export", max_length=20, choices=Target.choices)
    delivery = models.CharField("envoi", max_length=20, choices=Delivery.choices)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    requested_by_label = models.CharField("demandé par", max_length=150)
    checks = models.JSONField("contrôles", default=dict)  # {"errors": [...], "warnings": [...]} of Finding dicts
    send_number = models.PositiveIntegerField(default=1)  # IMPORT_ELEVES NUM_ENVOI
    filename = models.CharField("fichier", max_length=200)
    content = models.BinaryField(null=True, blank=True, editable=False)  # the file as generated (kept as is)
    sha256 = models.CharField(max_length=64, blank=True, default="")
    size = models.PositiveIntegerField(default=0)
    generated_at = models.DateTimeField(null=True, blank=True)
    deposit_id = models.CharField("dépôt NetSynchro", max_length=100, blank=True, default="")
    deposit_status = models.CharField("statut du dépôt", max_length=20, choices=DepositStatus.choices, blank=True)
    deposit_messages = models.JSONField(default=list, blank=True)
    deposit_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "export"
        indexes = [
            models.Index(fields=["establishment", "-created_at"]),
            models.Index(fields=["deposit_status"], name="exports_deposit_to_follow"),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()} {self.filename}"

    @property
    def deposit_final(self) -> bool:
        return self.deposit_status in FINAL_DEPOSIT_STATUSES

    @property
    def deposit_followed(self) -> bool:
        """A deposit sent and not yet « Intégré » or « Rejeté »: the job page and the beat follow it."""
        return bool(self.deposit_id) and not self.deposit_final
