"""Cached pages of the lists whose rows only an import changes (the students of an establishment).

A page is stored with the data version it was built from (``siecle.versions``), under the whole address
asked (host, filters, cursor, page size); it is served only while that version is still the current one,
both read in one round trip. An import draws a new version, so a page is never served once the write
that changes it has committed. Access and role are checked before (the view's permissions): a cached page
is only ever read by a member.

The cache shares Redis with the task broker, and addresses are the client's to choose (any cursor
position, any filter): a page lives ``API_PAGE_CACHE_SECONDS`` and at most ``MAX_PAGES_PER_WINDOW`` pages
of one namespace (an establishment's year) are stored per such window; past that, pages are built and not
stored. Walking a 2,000-pupil list 100 per page stores 20.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

import orjson
from django.conf import settings
from django.core.cache import cache
from rest_framework.request import Request

from api.renderers import api_json
from netsync_portal.cache import window_count
from siecle.versions import DataVersion

MAX_PAGES_PER_WINDOW = 200


def cached_page(request: Request, *, namespace: str, version: DataVersion, build: Callable[[], Any]) -> Any:
    """The page ``build()`` gives for this request's address, from the cache when built from the current
    version of the data."""
    seconds: int = settings.API_PAGE_CACHE_SECONDS
    if seconds <= 0:
        return build()
    key = f"api-page:{namespace}:{hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()}"
    found = cache.get_many([version.key, key])
    current = found.get(version.key) or version.current()
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        # Stored as JSON: cheaper to read back than a pickle of UUIDs and dates, and written the same way.
        return orjson.loads(stored[1])
    page = build()
    if window_count(f"api-page-count:{namespace}:{int(time.time() // seconds)}", seconds) <= MAX_PAGES_PER_WINDOW:
        cache.set(key, (current, api_json(page)), seconds)
    return page
