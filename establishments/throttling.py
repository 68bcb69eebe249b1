"""Failed-login throttling in the shared cache (Redis in production), per username and per address.

A handful of lines on the cache the project already runs, rather than a library with its own
tables and authentication backend.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _keys(request: HttpRequest, username: str) -> list[tuple[str, int]]:
    user_hash = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    address = request.META.get("REMOTE_ADDR", "unknown")
    limit = settings.LOGIN_FAILURE_LIMIT
    # An address may carry several people (a school's NAT), so it gets a wider allowance.
    return [(f"login-fail:user:{user_hash}", limit), (f"login-fail:ip:{address}", limit * 4)]


def login_is_throttled(request: HttpRequest, username: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(request, username))


def login_failure_record(request: HttpRequest, username: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for key, _limit in _keys(request, username):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def login_failures_clear(request: HttpRequest, username: str) -> None:
    cache.delete_many([key for key, _limit in _keys(request, username) if key.startswith("login-fail:user:")])
