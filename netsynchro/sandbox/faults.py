"""Fault injection applied at the start of every API request (latency, 503, 429, dropped connections).
The expired server certificate is chosen per connection by the server (``server.py``)."""

from __future__ import annotations

import time

from netsynchro import protocol
from netsynchro.sandbox.state import SandboxState

DROP = "drop"


def injected_answer(state: SandboxState) -> tuple[int, dict, dict] | str | None:
    """None to proceed; ``DROP`` to close without answering; else (status, headers, body) to send."""
    faults = state.faults
    if faults.latency > 0:
        time.sleep(faults.latency)
    if state.take("drop_next") or state.chance(faults.drop_rate):
        return DROP
    retry_after = {"Retry-After": str(faults.retry_after)}
    if state.take("rate_limit_next"):
        return (
            429,
            retry_after,
            {"code": protocol.RATE_LIMITED, "message": "Trop de requêtes vers la plateforme NetSynchro."},
        )
    if state.take("fail_next") or state.chance(faults.fail_rate):
        return (
            503,
            retry_after,
            {"code": protocol.UNAVAILABLE, "message": "La plateforme NetSynchro est momentanément indisponible."},
        )
    return None
