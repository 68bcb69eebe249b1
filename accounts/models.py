"""Invitations: a one-time link, valid a few days, where an invited colleague chooses a login and password.

Only the SHA-256 of the link's token is stored, so a database read does not give usable links.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from establishments.models import Establishment, Organisation


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name="organisation"
    )
    email = models.EmailField("adresse e-mail")
    is_administrateur = models.BooleanField("administrateur", default=False)
    is_concepteur = models.BooleanField("concepteur", default=False)
    establishments = models.ManyToManyField(Establishment, blank=True, related_name="+", verbose_name="établissements")
    token_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="invité par"
    )
    created_at = models.DateTimeField("envoyée le", default=timezone.now)
    expires_at = models.DateTimeField("valable jusqu'au")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "invitation"
        verbose_name_plural = "invitations"

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"

    @property
    def roles(self) -> list[str]:
        held = (("administrateur", self.is_administrateur), ("concepteur", self.is_concepteur))
        return [role for role, on in held if on]

    def is_pending(self, now: datetime | None = None) -> bool:
        return self.accepted_at is None and self.expires_at > (now or timezone.now())
