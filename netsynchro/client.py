"""The NetSynchro adapter: the one module to change when the Ministry's partner documentation is obtained.

It speaks the project's own contract (docs/netsynchro.md) over httpx with mutual TLS. The client
certificate comes as an ``ssl.SSLContext`` built in memory (``certificates.tls``) and is passed as
``verify=`` (never ``cert=`` nor a string ``verify=``: httpx 0.28 silently drops the certificate then).
Timeouts are always set; timeouts, dropped connections, 5xx and 429 are retried a bounded number of
times with exponential backoff, honouring ``Retry-After`` up to a cap. Logs carry the UAI, the year,
the kind or destination and the HTTP status: never a key, a password or a file's content.
"""

from __future__ import annotations

import hashlib
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from netsynchro import protocol
from netsynchro.errors import DepositTimeout, DuplicateDeposit, NetSynchroError, ProtocolError
from netsynchro.responses import error_for_response, error_for_transport, retry_after_seconds

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=10.0)
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # total tries, the first included
    backoff: float = 0.5  # seconds before the 2nd try, doubled each time
    backoff_max: float = 10.0
    retry_after_max: float = 60.0  # a longer Retry-After gives up at once

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before try ``attempt + 1``; None when giving up."""
        if attempt >= self.attempts:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.retry_after_max else None
        return min(self.backoff * (2 ** (attempt - 1)), self.backoff_max)


@dataclass(frozen=True)
class ExportFile:
    uai: str
    year: int
    kind: str
    filename: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class Deposit:
    id: str
    uai: str
    destination: str
    status: str
    messages: tuple[str, ...] = ()
    sha256: str = ""

    @property
    def is_final(self) -> bool:
        return self.status in protocol.FINAL_STATUSES


class NetSynchroClient:
    """One client per establishment (UAI) and certificate; use it as a context manager."""

    def __init__(
        self,
        *,
        base_url: str,
        uai: str,
        ssl_context: ssl.SSLContext,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.uai = uai
        self.retry = retry
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            verify=ssl_context,
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": "NetSynchro-Portal/1", "Accept": "application/json, application/zip"},
        )

    def __enter__(self) -> NetSynchroClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- The interface -------------------------------------------------------------------------

    def fetch_export(self, *, year: int, kind: str) -> ExportFile:
        """The zip a manual SIECLE BEE export of ``kind`` for ``year`` gives."""
        if kind not in protocol.EXPORT_FILES:
            raise NetSynchroError(f"Type d'export inconnu : « {kind} ».", code=protocol.UNKNOWN_KIND)
        response, _ = self._send("GET", protocol.export_path(self.uai, year, kind), what=f"export {kind} {year}")
        if not response.content.startswith(b"PK"):
            raise ProtocolError("La plateforme NetSynchro a renvoyé un export qui n'est pas un fichier zip.")
        return ExportFile(self.uai, year, kind, protocol.EXPORT_FILES[kind], response.content)

    def deposit(self, *, year: int, destination: str, content: bytes, filename: str) -> Deposit:
        """Deposit ``content`` for ``destination``; returns the deposit (status ``recu`` at first).

        A retry after a lost answer may meet our own first try: a duplicate answered on a retry is
        that deposit, so it is returned instead of an error.
        """
        params = {"destination": destination, "annee": str(year), "nom": filename}
        headers = {"Content-Type": "application/xml", "X-Content-SHA256": hashlib.sha256(content).hexdigest()}
        try:
            response, _ = self._send(
                "POST",
                protocol.deposits_path(self.uai),
                what=f"dépôt {destination} {year}",
                params=params,
                content=content,
                headers=headers,
            )
        except DuplicateDeposit as duplicate:
            if duplicate.deposit_id and duplicate.after_retry:
                return self.deposit_status(duplicate.deposit_id)
            raise
        return self._deposit(response)

    def deposit_status(self, deposit_id: str) -> Deposit:
        response, _ = self._send("GET", protocol.deposit_path(self.uai, deposit_id), what="suivi du dépôt")
        return self._deposit(response)

    def wait_for_deposit(self, deposit_id: str, *, timeout: float = 300.0, interval: float = 2.0) -> Deposit:
        """Poll until a final status (``integre`` or ``rejete``); ``DepositTimeout`` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            deposit = self.deposit_status(deposit_id)
            if deposit.is_final:
                return deposit
            if time.monotonic() + interval > deadline:
                raise DepositTimeout(
                    f"Le dépôt {deposit_id} n'a pas été traité par NetSynchro dans le délai d'attente "
                    f"({timeout:.0f} s) : son statut est « {deposit.status} ». Consultez-le plus tard."
                )
            self._sleep(interval)

    # --- Transport -----------------------------------------------------------------------------

    def _send(self, method: str, path: str, *, what: str, **kwargs: Any) -> tuple[httpx.Response, int]:
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                error = error_for_transport(exc, attempts=attempt)
                if not error.retryable:
                    raise error from None
                self._wait_or_raise(error, attempt, None, what)
                continue
            logger.info("netsynchro %s uai=%s %s -> %s (try %d)", method, self.uai, what, response.status_code, attempt)
            if response.is_success:
                return response, attempt
            if response.status_code in RETRYABLE_STATUSES:
                self._wait_or_raise(
                    error_for_response(response, attempts=attempt), attempt, retry_after_seconds(response), what
                )
                continue
            error = error_for_response(response, attempts=attempt)
            error.after_retry = attempt > 1
            raise error

    def _wait_or_raise(self, error: NetSynchroError, attempt: int, retry_after: float | None, what: str) -> None:
        delay = self.retry.delay(attempt, retry_after)
        if delay is None:
            logger.warning("netsynchro uai=%s %s gave up after %d tries: %s", self.uai, what, attempt, error.code)
            raise error
        logger.info("netsynchro uai=%s %s: %s, retry in %.2fs", self.uai, what, error.code, delay)
        self._sleep(delay)

    def _deposit(self, response: httpx.Response) -> Deposit:
        try:
            body = response.json()
            return Deposit(
                id=str(body["id"]),
                uai=self.uai,
                destination=str(body["destination"]),
                status=str(body["statut"]),
                messages=tuple(str(m) for m in body.get("messages", [])),
                sha256=str(body.get("sha256", "")),
            )
        except (ValueError, KeyError, TypeError):
            raise ProtocolError("La plateforme NetSynchro a renvoyé une réponse de dépôt illisible.") from None
