"""The record of each import: who, when, which files, what it changed and for which students."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from siecle.models.base import YearScopedModel
from siecle.models.people import Student


class ImportRun(YearScopedModel):
    created_at = models.DateTimeField("date", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("lancé par", max_length=150)  # a username or "ligne de commande"
    options = models.JSONField(default=dict)
    files = models.JSONField(default=list)  # [{"name", "kind", "sha256"}]
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import SIECLE"
        verbose_name_plural = "imports SIECLE"

    def __str__(self) -> str:
        return f"Import du {self.created_at:%d/%m/%Y %H:%M} ({self.actor_label})"


class StudentChange(YearScopedModel):
    class Action(models.TextChoices):
        CREATED = "created", "créé"
        UPDATED = "updated", "modifié"
        LEFT = "left", "marqué sorti"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="student_changes")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="import_changes")
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_fields = models.JSONField(default=list)

    class Meta:
        verbose_name = "changement d'élève"
