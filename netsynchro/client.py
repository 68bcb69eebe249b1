"""The NetSynchro adapter: the one module to change when the Ministry's partner documentation is obtained.

It speaks the project's own contract (docs/netsynchro.md) over httpx with mutual TLS. The client
certificate comes as an ``ssl.SSLContext`` built in memory (``certificates.tls``) and is passed as
``verify=`` (never ``cert=`` nor a string ``verify=``: httpx 0.28 silently drops the certificate then).
Timeouts are always set, and an overall deadline per request and per job (``ClientLimits``,
``netsynchro/deadline.py``); timeouts, dropped connections, 5xx and 429 are retried a bounded number of
times with exponential backoff, honouring ``Retry-After`` between a floor and a cap. Exports stream to a
private temporary file within a size limit (``netsynchro/bodies.py``), never into memory. Logs carry the
UAI, the year, the kind or destination and the HTTP status: never a key, a password or a file's content.
"""

from __future__ import annotations

import hashlib
import json
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

from netsynchro import protocol
from netsynchro.bodies import MiB, read_bounded, stream_to_file
from netsynchro.deadline import Budget, Deadline
from netsynchro.errors import DeadlineExceeded, DepositTimeout, DuplicateDeposit, NetSynchroError, ProtocolError
from netsynchro.responses import error_for_response, error_for_transport, retry_after_seconds, seconds_text

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=10.0)
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # total tries, the first included
    backoff: float = 0.5  # seconds before the 2nd try, doubled each time
    backoff_max: float = 10.0
    retry_after_min: float = 1.0  # a shorter Retry-After (0 included) waits this long
    retry_after_max: float = 60.0  # a longer Retry-After gives up at once

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before try ``attempt + 1``; None when giving up."""
        if attempt >= self.attempts:
            return None
        if retry_after is not None:
            return max(retry_after, self.retry_after_min) if retry_after <= self.retry_after_max else None
        return min(self.backoff * (2 ** (attempt - 1)), self.backoff_max)


@dataclass(frozen=True)
class ClientLimits:
    """Bounds on what one client accepts: sizes in bytes, deadlines in seconds."""

    max_export_bytes: int = 256 * MiB  # a real export zip weighs a few MB
    max_answer_bytes: int = 1 * MiB  # JSON and error answers
    request_deadline: float = 600.0  # one exchange, whatever the peer's pace
    job_deadline: float = 1800.0  # everything the client does, retries and waits included


@dataclass(frozen=True)
class ExportFile:
    """A fetched export in a private temporary file (mode 0600): keep it (``services.save_export``) or
    ``discard()`` it."""

    uai: str
    year: int
    kind: str
    filename: str
    path: Path
    size: int
    sha256: str

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


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
    """One client per establishment (UAI), certificate and job; use it as a context manager.

    The job deadline (``limits.job_deadline``) runs from the client's creation.
    """

    def __init__(
        self,
        *,
        base_url: str,
        uai: str,
        ssl_context: ssl.SSLContext,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy = RetryPolicy(),
        limits: ClientLimits = ClientLimits(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.uai = uai
        self.retry = retry
        self.limits = limits
        self._sleep = sleep
        self._timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self._budget = Budget(limits.job_deadline)
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            verify=ssl_context,
            timeout=self._timeout,
            # A fresh connection per request: the deadline learns each request's socket as it connects.
            limits=httpx.Limits(max_keepalive_connections=0),
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

    def check_identity(self) -> dict:
        """The connection test: the platform accepts the certificate for this UAI (or raises why not)."""
        body, _ = self._send(
            "GET", protocol.establishment_path(self.uai), what="test de connexion", read=self._read_answer
        )
        try:
            answer = json.loads(body)
        except ValueError:
            raise ProtocolError("La plateforme NetSynchro a renvoyé une réponse illisible.") from None
        if not isinstance(answer, dict) or str(answer.get("uai", "")).upper() != self.uai:
            raise ProtocolError("La plateforme NetSynchro a reconnu un autre établissement que celui demandé.")
        return answer

    def fetch_export(self, *, year: int, kind: str, directory: str | Path | None = None) -> ExportFile:
        """The zip a manual SIECLE BEE export of ``kind`` for ``year`` gives, streamed into a private
        temporary file of ``directory`` (the system's temporary folder by default)."""
        if kind not in protocol.EXPORT_FILES:
            raise NetSynchroError(f"Type d'export inconnu : « {kind} ».", code=protocol.UNKNOWN_KIND)
        stored, _ = self._send(
            "GET",
            protocol.export_path(self.uai, year, kind),
            what=f"export {kind} {year}",
            read=lambda response: stream_to_file(response, max_bytes=self.limits.max_export_bytes, directory=directory),
        )
        return ExportFile(self.uai, year, kind, protocol.EXPORT_FILES[kind], stored.path, stored.size, stored.sha256)

    def deposit(self, *, year: int, destination: str, content: bytes, filename: str) -> Deposit:
        """Deposit ``content`` for ``destination``; returns the deposit (status ``recu`` at first).

        A retry after a lost answer may meet our own first try: a duplicate answered on a retry is
        that deposit, so it is returned instead of an error.
        """
        params = {"destination": destination, "annee": str(year), "nom": filename}
        headers = {"Content-Type": "application/xml", "X-Content-SHA256": hashlib.sha256(content).hexdigest()}
        try:
            body, _ = self._send(
                "POST",
                protocol.deposits_path(self.uai),
                what=f"dépôt {destination} {year}",
                read=self._read_answer,
                params=params,
                content=content,
                headers=headers,
            )
        except DuplicateDeposit as duplicate:
            if duplicate.deposit_id and duplicate.after_retry:
                return self.deposit_status(duplicate.deposit_id)
            raise
        return self._deposit(body)

    def deposit_status(self, deposit_id: str) -> Deposit:
        body, _ = self._send(
            "GET", protocol.deposit_path(self.uai, deposit_id), what="suivi du dépôt", read=self._read_answer
        )
        return self._deposit(body)

    def wait_for_deposit(self, deposit_id: str, *, timeout: float = 300.0, interval: float = 2.0) -> Deposit:
        """Poll until a final status (``integre`` or ``rejete``); ``DepositTimeout`` after ``timeout`` s
        (or when the job's deadline comes first)."""
        timeout = min(timeout, self._budget.left())
        deadline = time.monotonic() + timeout
        while True:
            deposit = self.deposit_status(deposit_id)
            if deposit.is_final:
                return deposit
            if time.monotonic() + interval > deadline:
                raise DepositTimeout(
                    f"Le dépôt {deposit_id} n'a pas été traité par NetSynchro dans le délai d'attente "
                    f"({seconds_text(timeout)}) : son statut est « {deposit.status} ». Consultez-le plus tard."
                )
            self._sleep(interval)

    # --- Transport -----------------------------------------------------------------------------

    def _send(
        self, method: str, path: str, *, what: str, read: Callable[[httpx.Response], T], **kwargs: object
    ) -> tuple[T, int]:
        """``read(response)`` of the successful answer, and the number of tries it took."""
        attempt = 0
        while True:
            attempt += 1
            try:
                response, result = self._exchange(method, path, what=what, read=read, **kwargs)
            except httpx.TransportError as exc:
                error = error_for_transport(exc, attempts=attempt)
                if not error.retryable:
                    raise error from None
                self._wait_or_raise(error, attempt, None, what)
                continue
            logger.info("netsynchro %s uai=%s %s -> %s (try %d)", method, self.uai, what, response.status_code, attempt)
            if result is not None:
                return result, attempt
            if response.status_code in RETRYABLE_STATUSES:
                error = error_for_response(response, attempts=attempt)
                self._wait_or_raise(error, attempt, retry_after_seconds(response), what)
                continue
            error = error_for_response(response, attempts=attempt)
            error.after_retry = attempt > 1
            raise error

    def _exchange(
        self, method: str, path: str, *, what: str, read: Callable[[httpx.Response], T], **kwargs: Any
    ) -> tuple[httpx.Response, T | None]:
        """One request under an overall deadline: ``read``'s result on success, else (the answer, None)
        with its body read within bounds."""
        seconds, whole_job = self._request_seconds(what)
        deadline = Deadline(seconds)
        request = self._http.build_request(
            method, path, timeout=self._timeout_within(seconds), extensions={"trace": deadline.trace}, **kwargs
        )
        try:
            with deadline:
                response = self._http.send(request, stream=True)
                try:
                    if response.is_success:
                        return response, read(response)
                    body = read_bounded(response, self.limits.max_answer_bytes)
                finally:
                    response.close()
        except Exception:
            if deadline.expired:
                raise self._deadline_error(seconds, whole_job, what) from None
            raise
        return httpx.Response(response.status_code, headers=response.headers, content=body, request=request), None

    def _request_seconds(self, what: str) -> tuple[float, bool]:
        """This request's deadline, and whether it is the job's remaining time rather than its own."""
        left = self._budget.left()
        if left <= 0:
            raise self._deadline_error(0.0, True, what)
        return min(self.limits.request_deadline, left), left < self.limits.request_deadline

    def _timeout_within(self, seconds: float) -> httpx.Timeout:
        def bound(value: float | None) -> float:
            return seconds if value is None else min(value, seconds)

        timeout = self._timeout
        return httpx.Timeout(
            connect=bound(timeout.connect),
            read=bound(timeout.read),
            write=bound(timeout.write),
            pool=bound(timeout.pool),
        )

    def _deadline_error(self, seconds: float, whole_job: bool, what: str) -> DeadlineExceeded:
        logger.warning("netsynchro uai=%s %s: deadline of %.1fs reached (job=%s)", self.uai, what, seconds, whole_job)
        if whole_job:
            return DeadlineExceeded(
                f"L'échange avec la plateforme NetSynchro a dépassé son délai maximal "
                f"({seconds_text(self.limits.job_deadline)} pour l'ensemble de l'opération) : il a été "
                "interrompu. Réessayez plus tard."
            )
        return DeadlineExceeded(
            "La plateforme NetSynchro n'a pas envoyé sa réponse complète dans le délai maximal "
            f"({seconds_text(seconds)}) : l'échange a été interrompu. Réessayez plus tard."
        )

    def _wait_or_raise(self, error: NetSynchroError, attempt: int, retry_after: float | None, what: str) -> None:
        delay = self.retry.delay(attempt, retry_after)
        if delay is None or delay >= self._budget.left():
            logger.warning("netsynchro uai=%s %s gave up after %d tries: %s", self.uai, what, attempt, error.code)
            raise error
        logger.info("netsynchro uai=%s %s: %s, retry in %.2fs", self.uai, what, error.code, delay)
        self._sleep(delay)

    def _read_answer(self, response: httpx.Response) -> bytes:
        return read_bounded(response, self.limits.max_answer_bytes)

    def _deposit(self, body: bytes) -> Deposit:
        try:
            answer = json.loads(body)
            return Deposit(
                id=str(answer["id"]),
                uai=self.uai,
                destination=str(answer["destination"]),
                status=str(answer["statut"]),
                messages=tuple(str(m) for m in answer.get("messages", [])),
                sha256=str(answer.get("sha256", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise ProtocolError("La plateforme NetSynchro a renvoyé une réponse de dépôt illisible.") from None
