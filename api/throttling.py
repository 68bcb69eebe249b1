"""Throttling per personal access token (per signed-in user for the browsable pages, per address
without credentials), at ``settings.API_THROTTLE_RATE``, counted in the shared cache.

One counter per client and per window, incremented atomically: concurrent requests of one token never
slip past the limit together, and a request costs one cache round trip (DRF's ``SimpleRateThrottle``
reads and rewrites the list of every request's timestamp, two round trips and a race).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from api.models import ApiToken
from netsync_portal.cache import window_count

if TYPE_CHECKING:
    from rest_framework.views import APIView


PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """DRF's "N/period" (``600/min``, ``10/s``…): the number of requests and the window in seconds."""
    count, period = rate.split("/")
    return int(count), PERIOD_SECONDS[period[0]]


class ApiTokenRateThrottle(BaseThrottle):
    def __init__(self) -> None:
        self.retry_after: float | None = None

    def allow_request(self, request: Request, view: APIView) -> bool:
        # Read at each request (not at import, as DRF does) so that settings overrides apply.
        limit, seconds = parse_rate(settings.API_THROTTLE_RATE)
        now = time.time()
        window = int(now // seconds)
        if window_count(f"api-throttle:{self.client_key(request)}:{window}", seconds) <= limit:
            return True
        self.retry_after = (window + 1) * seconds - now
        return False

    def wait(self) -> float | None:
        return self.retry_after

    def client_key(self, request: Request) -> str:
        if isinstance(request.auth, ApiToken):
            return f"token:{request.auth.pk}"
        if request.user and request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return f"address:{self.get_ident(request)}"
