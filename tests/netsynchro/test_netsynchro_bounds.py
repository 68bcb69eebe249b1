"""A hostile or broken platform cannot make a fetch take unbounded memory, disk or time (issue 11 §2):
sizes capped and streamed to a private file, an overall deadline per request and per job, Retry-After
bounded. Each fault is injected by the sandbox."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from netsynchro.client import ClientLimits, RetryPolicy
from netsynchro.errors import DeadlineExceeded, ExportTooLarge, PlatformUnavailable
from tests.netsynchro.helpers import make_client

MiB = 1024 * 1024
FAST_DEADLINE = ClientLimits(request_deadline=1.0)


@pytest.mark.parametrize("hide_length", [False, True], ids=["declared-length", "no-length"])
def test_it_refuses_an_export_over_the_size_limit_and_keeps_nothing(sandbox, pki, year, tmp_path, hide_length):
    sandbox.control(huge_export_bytes=3 * MiB, hide_length=hide_length)
    with make_client(sandbox, pki, limits=ClientLimits(max_export_bytes=1 * MiB)) as client:
        with pytest.raises(ExportTooLarge) as refused:
            client.fetch_export(year=year, kind="eleves", directory=tmp_path)
    assert "dépasse la taille maximale acceptée (1 Mo)" in refused.value.message
    assert list(tmp_path.iterdir()) == []


def test_it_streams_a_large_export_to_a_private_file_not_to_memory(sandbox, pki, year, tmp_path):
    sandbox.control(huge_export_bytes=24 * MiB)
    tracemalloc.start()
    try:
        with make_client(sandbox, pki, limits=ClientLimits(max_export_bytes=32 * MiB)) as client:
            export = client.fetch_export(year=year, kind="eleves", directory=tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert export.size == 24 * MiB and export.path.stat().st_size == 24 * MiB
    assert export.path.stat().st_mode & 0o777 == 0o600
    assert peak < 4 * MiB


def test_it_cuts_a_peer_dripping_its_body_at_the_request_deadline(sandbox, pki, year, tmp_path):
    sandbox.control(drip_seconds=0.3)
    started = time.monotonic()
    with make_client(sandbox, pki, limits=FAST_DEADLINE) as client, pytest.raises(DeadlineExceeded) as cut:
        client.fetch_export(year=year, kind="eleves", directory=tmp_path)
    assert time.monotonic() - started < 3.0  # the dripped body would take hours
    assert "dans le délai maximal (1 s)" in cut.value.message and "interrompu" in cut.value.message
    assert list(tmp_path.iterdir()) == []


def settle(seconds: float) -> None:
    """Let the sandbox's thread still sleeping on a request we cut finish it, before the next test's faults."""
    time.sleep(seconds)


def test_it_cuts_a_peer_slow_to_answer_at_the_request_deadline(sandbox, pki, year):
    sandbox.control(latency=3.5)  # below the read timeout (5 s): only the overall deadline can stop it
    started = time.monotonic()
    with make_client(sandbox, pki, limits=FAST_DEADLINE) as client, pytest.raises(DeadlineExceeded):
        client.fetch_export(year=year, kind="structures")
    assert time.monotonic() - started < 3.0  # well before the answer would have come
    settle(2.7)


def test_it_stops_retrying_at_the_job_deadline(sandbox, pki, year):
    sandbox.control(fail_next=100, retry_after=0, latency=0.2)
    retry = RetryPolicy(attempts=100, retry_after_min=0.01)
    started = time.monotonic()
    with make_client(sandbox, pki, retry=retry, limits=ClientLimits(job_deadline=1.0)) as client:
        with pytest.raises(DeadlineExceeded) as cut:
            client.fetch_export(year=year, kind="structures")
    assert time.monotonic() - started < 3.0  # 100 tries of 0.2 s would take 20 s
    assert "pour l'ensemble de l'opération" in cut.value.message
    settle(0.3)


def test_it_waits_at_least_the_floor_when_retry_after_is_zero(sandbox, pki, year):
    sandbox.control(fail_next=2, retry_after=0)
    sleeps: list[float] = []
    with make_client(sandbox, pki, retry=RetryPolicy(attempts=4, retry_after_min=1.0), sleeps=sleeps) as client:
        client.fetch_export(year=year, kind="structures")
    assert sleeps == [1.0, 1.0]


def test_it_gives_up_on_a_huge_retry_after_without_printing_it(sandbox, pki, year):
    sandbox.control(fail_next=1, retry_after=10**20)
    sleeps: list[float] = []
    with make_client(sandbox, pki, sleeps=sleeps) as client, pytest.raises(PlatformUnavailable) as error:
        client.fetch_export(year=year, kind="structures")
    assert sleeps == []
    assert "Réessayez plus tard." in error.value.message and "100000" not in error.value.message
