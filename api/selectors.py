"""Reads of personal access tokens. A user only ever reaches their own tokens."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from api.models import ApiToken

TOKEN_PREFIX = "nsp_"
MAX_TOKEN_LENGTH = 100


def api_token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_for_key(raw: str) -> ApiToken | None:
    """The token row a clear token designates, whatever its state (the caller decides), or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=api_token_digest(raw)).first()


def api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_token_get_for_user(*, user: User, token_id: uuid.UUID) -> ApiToken:
    """Another user's token answers 404, the same as a token that does not exist."""
    token = api_tokens_for_user(user=user).filter(pk=token_id).first()
    if token is None:
        raise Http404("Jeton inconnu.")
    return token
