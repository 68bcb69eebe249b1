"""One journal per organisation: who did what, when, in which establishment. Append-only.

Rows are never changed nor deleted by the product: the model refuses it (``save`` of an existing row,
``delete``, ``QuerySet.update``/``delete``), and on PostgreSQL a trigger refuses UPDATE and DELETE
for every client, platform staff's SQL included. The retention purge is the one exception: it sets
``audit.purge`` for its own transaction, which the trigger checks (``audit.services.audit_purge``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from audit.kinds import AuditKind
from establishments.models import Establishment, Organisation


class AppendOnlyError(Exception):
    """Someone tried to change or delete a journal entry."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Le journal ne se modifie pas.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Le journal ne se supprime pas (seule la durée de conservation le purge).")

    def purge(self) -> int:
        """The retention purge only (``audit_purge`` wraps it with the database's permission)."""
        return self._raw_delete(self.db)


class AuditEvent(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="organisation"
    )
    establishment = models.ForeignKey(
        Establishment, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="établissement"
    )
    uai = models.CharField("UAI", max_length=8, blank=True)  # as it was at the time of the event
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # members are deactivated, never deleted
        related_name="+",
        verbose_name="auteur",
    )
    actor_label = models.CharField("auteur", max_length=200)
    kind = models.CharField("type", max_length=40, choices=AuditKind.choices, db_index=True)
    summary = models.CharField("résumé", max_length=500)
    details = models.JSONField("détails", default=dict, blank=True)
    at = models.DateTimeField("date", default=timezone.now, db_index=True)

    objects = ScopedManager(
        organisation="organisation", _manager_class=models.Manager.from_queryset(AuditEventQuerySet)
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_org_at")]
        verbose_name = "événement du journal"
        verbose_name_plural = "journal"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} — {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Le journal ne se modifie pas.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Le journal ne se supprime pas.")
