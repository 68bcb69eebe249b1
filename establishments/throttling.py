"""Failed-login throttling that a stranger cannot turn against a user (OWASP "device cookies").

Counters live in the shared cache (Redis in production), each for ``LOGIN_FAILURE_WINDOW_SECONDS``:

- a browser where this username logged in before carries a signed *device cookie*; its failures are
  counted for that device alone (``LOGIN_FAILURE_LIMIT``), so nobody else's failures ever block it;
- any other client is counted per (username, client address) (``LOGIN_FAILURE_LIMIT``), and also on the
  username alone and on the address alone, with much higher limits (``LOGIN_USERNAME_FAILURE_LIMIT``,
  ``LOGIN_ADDRESS_FAILURE_LIMIT``) that slow down guessing spread over many addresses or usernames.

The client address is ``REMOTE_ADDR`` unless ``TRUSTED_PROXY_COUNT`` proxies are declared: it is then the
entry those proxies appended to ``TRUSTED_PROXY_HEADER`` (entries further left are the client's own word).
The login form calls ``login_is_throttled``, ``login_failure_record`` and ``login_success_record``; the login
view sets the device cookie with ``login_device_cookie_set`` (a second factor's step can call the same).
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from netsync_portal.cache import window_count

DEVICE_COOKIE = "login_device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600
_DEVICE_SALT = "establishments.throttling.device"


def client_address(request: HttpRequest) -> str:
    """The client's address: from the trusted proxies' header when configured, else ``REMOTE_ADDR``."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = "HTTP_" + settings.TRUSTED_PROXY_HEADER.upper().replace("-", "_")
    entries = [entry.strip() for entry in request.META.get(header, "").split(",") if entry.strip()]
    if len(entries) < count:
        return remote  # not through the proxies as declared: the peer itself
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def login_is_throttled(request: HttpRequest, username: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _counters(request, username))


def login_failure_record(request: HttpRequest, username: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for key, _limit in _counters(request, username):
        window_count(key, window)


def login_success_record(request: HttpRequest, username: str) -> None:
    """Forget this client's own failures (never the username's or the address's totals)."""
    cache.delete(_counters(request, username)[0][0])


login_failures_clear = login_success_record  # the name the login form used first


def login_device_cookie_set(response: HttpResponse, request: HttpRequest, username: str) -> None:
    """Mark this browser as one where ``username`` logged in: its failures then count for it alone."""
    device = _device(request, username) or secrets.token_hex(16)
    value = signing.dumps({"u": _hash(username), "d": device}, salt=_DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _counters(request: HttpRequest, username: str) -> list[tuple[str, int]]:
    """(cache key, limit) pairs for this attempt, this client's own counter first."""
    user = _hash(username)
    device = _device(request, username)
    if device:
        return [(f"login-fail:device:{device}", settings.LOGIN_FAILURE_LIMIT)]
    address = _hash(client_address(request))
    return [
        (f"login-fail:pair:{user}:{address}", settings.LOGIN_FAILURE_LIMIT),
        (f"login-fail:user:{user}", settings.LOGIN_USERNAME_FAILURE_LIMIT),
        (f"login-fail:ip:{address}", settings.LOGIN_ADDRESS_FAILURE_LIMIT),
    ]


def _device(request: HttpRequest, username: str) -> str | None:
    """The device id of a valid cookie issued to ``username`` on this browser, else None."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return None
    try:
        payload = signing.loads(value, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("u") != _hash(username):
        return None
    device = payload.get("d")
    return device if isinstance(device, str) and device.isalnum() else None


def _hash(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
