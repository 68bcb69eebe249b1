"""Reads of personal access tokens. A user only ever reaches their own tokens."""

from __future__ import annotations

import hashlib
import uuid
from functools import cache

from django.contrib.auth.models import User
from django.db import DEFAULT_DB_ALIAS
from django.db.models import QuerySet
from django.http import Http404

from api.models import ApiToken
from netsync_portal.rows import Columns, fetch_rows

TOKEN_PREFIX = "nsp_"
MAX_TOKEN_LENGTH = 100


def api_token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@cache
def _token_columns() -> tuple[Columns[ApiToken], Columns[User], str]:
    token, user = Columns(ApiToken, "t"), Columns(User, "u")
    # Names from the models, the key bound as a parameter.
    sql = f"SELECT {token.sql}, {user.sql} FROM {token.table} JOIN {user.table} ON u.id = t.user_id"  # noqa: S608
    sql += " WHERE t.key_hash = %s"
    return token, user, sql


def api_token_for_key(raw: str, using: str = DEFAULT_DB_ALIAS) -> ApiToken | None:
    """The token row a clear token designates, with its user, whatever its state (the caller decides),
    or None. Every API call starts here: plain SQL (netsync_portal.rows)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    token_columns, user_columns, sql = _token_columns()
    rows = fetch_rows(sql, [api_token_digest(raw)], using)
    if not rows:
        return None
    token = token_columns.load(rows[0][: len(token_columns)], using)
    token.user = user_columns.load(rows[0][len(token_columns) :], using)
    return token


def api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_token_get_for_user(*, user: User, token_id: uuid.UUID) -> ApiToken:
    """Another user's token answers 404, the same as a token that does not exist."""
    token = api_tokens_for_user(user=user).filter(pk=token_id).first()
    if token is None:
        raise Http404("Jeton inconnu.")
    return token
