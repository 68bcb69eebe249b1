"""Personal access tokens: a user's credential for the API, acting with that user's memberships and roles.

Only a SHA-256 digest of the token is stored: the token is 256 random bits, so a fast digest is enough
(a slow password hash protects guessable secrets, which this is not) and lets each request find its row
by an indexed equality. The clear token is shown once, at creation.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="utilisateur"
    )
    name = models.CharField("nom", max_length=100)
    # The first characters, to recognise a token in the list; far too short to use it.
    prefix = models.CharField("début du jeton", max_length=12)
    key_hash = models.CharField("empreinte SHA-256", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("expire le", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "jeton d'accès API"
        verbose_name_plural = "jetons d'accès API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def state(self, now: datetime | None = None) -> str:
        """``active``, ``expired`` or ``revoked`` (stable codes; the page shows ``state_label``)."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return "expired"
        return "active"

    @property
    def state_label(self) -> str:
        return {"active": "actif", "expired": "expiré", "revoked": "révoqué"}[self.state()]
