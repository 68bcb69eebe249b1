"""Creating, revoking and recording the use of personal access tokens."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from api.models import ApiToken
from api.selectors import TOKEN_PREFIX, api_token_digest, api_token_get_for_user

MAX_EXPIRY_DAYS = 3650
MAX_NAME_LENGTH = 100
# Recording every request would turn each API read into a write; the minute is precise enough to tell
# whether a token is still in use.
LAST_USE_PRECISION = timedelta(minutes=1)

NAME_REQUIRED = "Donnez un nom au jeton (par exemple « ENT » ou « script de rentrée »)."
NAME_TOO_LONG = f"Le nom du jeton ne doit pas dépasser {MAX_NAME_LENGTH} caractères."
EXPIRY_OUT_OF_RANGE = f"La durée de validité doit être comprise entre 1 et {MAX_EXPIRY_DAYS} jours."


class ApiTokenError(Exception):
    """A refused token request; the message is French, for the page or the command."""


def api_token_create(*, user: User, name: str, expires_days: int | None = None) -> tuple[ApiToken, str]:
    """The new token row and its clear value, which is never stored and must be shown once."""
    name = name.strip()
    if not name:
        raise ApiTokenError(NAME_REQUIRED)
    if len(name) > MAX_NAME_LENGTH:
        raise ApiTokenError(NAME_TOO_LONG)
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise ApiTokenError(EXPIRY_OUT_OF_RANGE)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:12],
        key_hash=api_token_digest(raw),
        created_at=now,
        expires_at=now + timedelta(days=expires_days) if expires_days else None,
    )
    return token, raw


def api_token_revoke(*, user: User, token_id: uuid.UUID) -> ApiToken:
    """Revoke one of ``user``'s tokens (404 for anyone else's); revoking twice keeps the first date."""
    token = api_token_get_for_user(user=user, token_id=token_id)
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db()
    return token


def api_token_record_use(*, token: ApiToken, now: datetime | None = None) -> None:
    """Set ``last_used_at``, at most once per ``LAST_USE_PRECISION`` (a conditional update: no race)."""
    now = now or timezone.now()
    if token.last_used_at is not None and token.last_used_at >= now - LAST_USE_PRECISION:
        return  # recorded recently, as read with the token: no write on the hot path
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_PRECISION)
    if ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now):
        token.last_used_at = now
