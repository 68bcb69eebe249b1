"""Pure checks of the client: backoff and Retry-After arithmetic, and the httpx usage rule (§D.3)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from netsynchro.client import RetryPolicy
from netsynchro.responses import retry_after_seconds

ROOT = Path(__file__).resolve().parents[2]


def test_backoff_doubles_is_capped_and_stops_after_the_last_try():
    policy = RetryPolicy(attempts=5, backoff=0.5, backoff_max=1.5, retry_after_max=30)
    assert [policy.delay(attempt, None) for attempt in (1, 2, 3, 4, 5)] == [0.5, 1.0, 1.5, 1.5, None]
    assert policy.delay(1, 12.0) == 12.0 and policy.delay(1, 31.0) is None


def test_retry_after_accepts_seconds_and_http_dates():
    assert retry_after_seconds(httpx.Response(503, headers={"Retry-After": "7"})) == 7.0
    assert retry_after_seconds(httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert retry_after_seconds(httpx.Response(503, headers={"Retry-After": "demain"})) is None
    assert retry_after_seconds(httpx.Response(503)) is None


def test_netsynchro_never_passes_cert_nor_a_string_verify_to_httpx():
    sources = "\n".join(p.read_text() for p in (ROOT / "netsynchro").rglob("*.py"))
    assert not re.search(r"\bcert\s*=\s*[^`\s]", sources)
    assert set(re.findall(r"\bverify\s*=\s*([^`\s,)]+)", sources)) == {"ssl_context"}
