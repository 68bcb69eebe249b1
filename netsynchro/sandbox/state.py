"""The sandbox's in-memory state: configuration, injected faults, the export cache and the deposits."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import secrets
import threading
import time
from dataclasses import asdict, dataclass, field, fields

from netsynchro import protocol


def default_years(today: dt.date | None = None) -> tuple[int, ...]:
    """The current school year (rolling over on 1 August) and its two neighbours."""
    today = today or dt.date.today()
    current = today.year if today >= dt.date(today.year, 8, 1) else today.year - 1
    return (current - 1, current, current + 1)


@dataclass
class Faults:
    """What the sandbox does wrong on purpose. ``*_next`` counters are consumed one request at a time."""

    latency: float = 0.0  # seconds before every API answer
    fail_rate: float = 0.0  # share of API requests answered 503
    fail_next: int = 0  # the next N API requests are answered 503
    retry_after: int = 1  # Retry-After (seconds) sent with 503 and 429
    rate_limit_next: int = 0  # the next N API requests are answered 429
    drop_rate: float = 0.0  # share of API requests whose connection is closed without an answer
    drop_next: int = 0
    expired_server_cert: bool = False  # new connections get the expired server certificate
    no_export: list[str] = field(default_factory=list)  # UAIs for which no export is available
    drip_seconds: float = 0.0  # export bodies are sent one byte at a time, this many seconds apart
    huge_export_bytes: int = 0  # export answers are a zip-looking body of this many bytes, streamed
    hide_length: bool = False  # export answers carry no Content-Length: the body ends when the connection does
    hostile_export: str = ""  # "zip_bomb" or "doctype": that zip is served instead of the export

    def update(self, changes: dict) -> None:
        known = {f.name: f.type for f in fields(self)}
        unknown = sorted(set(changes) - set(known))
        if unknown:
            raise ValueError(f"unknown fault(s): {', '.join(unknown)}")
        for name, value in changes.items():
            current = getattr(self, name)
            if isinstance(current, bool):
                value = bool(value)
            elif isinstance(current, list):
                value = [str(v) for v in value]
            else:
                value = type(current)(value)
            setattr(self, name, value)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class SandboxConfig:
    students: int = 120  # pupils per generated export set, unless ``students_by_uai`` says otherwise
    students_by_uai: dict[str, int] = field(default_factory=dict)
    seed: int = 1
    years: tuple[int, ...] = field(default_factory=default_years)
    received_seconds: float = 2.0  # time spent in "recu"
    processing_seconds: float = 3.0  # then in "en_traitement", then "integre" or "rejete"
    extra_uais: tuple[str, ...] = ()  # known besides the UAIs that have a client certificate


@dataclass
class DepositRecord:
    id: str
    uai: str
    destination: str
    year: int
    filename: str
    sha256: str
    size: int
    problems: list[str]
    received_at: float
    received_iso: str

    def status(self, config: SandboxConfig, now: float | None = None) -> str:
        elapsed = (now if now is not None else time.monotonic()) - self.received_at
        if elapsed < config.received_seconds:
            return protocol.RECU
        if elapsed < config.received_seconds + config.processing_seconds:
            return protocol.EN_TRAITEMENT
        return protocol.REJETE if self.problems else protocol.INTEGRE

    def as_json(self, config: SandboxConfig) -> dict:
        status = self.status(config)
        return {
            "id": self.id,
            "uai": self.uai,
            "destination": self.destination,
            "annee": self.year,
            "nom": self.filename,
            "sha256": self.sha256,
            "taille": self.size,
            "statut": status,
            "recu_le": self.received_iso,
            "messages": self.problems if status == protocol.REJETE else [],
        }


class SandboxState:
    def __init__(self, config: SandboxConfig, faults: Faults, known_uais: set[str]) -> None:
        self.config = config
        self.faults = faults
        self.known_uais = set(known_uais) | set(config.extra_uais)
        self.lock = threading.RLock()
        self.exports: dict[tuple[str, int, str, int], bytes] = {}
        self.deposits: dict[str, DepositRecord] = {}
        self.requests = 0
        self.answers: dict[str, int] = {}
        self._random = random.Random(config.seed)

    def students_for(self, uai: str) -> int:
        return self.config.students_by_uai.get(uai, self.config.students)

    def chance(self, rate: float) -> bool:
        with self.lock:
            return rate > 0 and self._random.random() < rate

    def take(self, counter: str) -> bool:
        """Consume one unit of a ``*_next`` fault counter."""
        with self.lock:
            left = getattr(self.faults, counter)
            if left <= 0:
                return False
            setattr(self.faults, counter, left - 1)
            return True

    def count(self, outcome: str) -> None:
        with self.lock:
            self.requests += 1
            self.answers[outcome] = self.answers.get(outcome, 0) + 1

    def find_duplicate(self, uai: str, destination: str, sha256: str) -> DepositRecord | None:
        with self.lock:
            return next(
                (
                    d
                    for d in self.deposits.values()
                    if d.uai == uai and d.destination == destination and d.sha256 == sha256
                ),
                None,
            )

    def add_deposit(
        self, *, uai: str, destination: str, year: int, filename: str, content: bytes, problems: list[str]
    ) -> DepositRecord:
        record = DepositRecord(
            id=secrets.token_hex(8),
            uai=uai,
            destination=destination,
            year=year,
            filename=filename,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            problems=problems,
            received_at=time.monotonic(),
            received_iso=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        with self.lock:
            self.deposits[record.id] = record
        return record

    def reset(self) -> None:
        with self.lock:
            self.faults.__init__()  # type: ignore[misc]
            self.deposits.clear()
            self.requests = 0
            self.answers.clear()

    def stats(self) -> dict:
        with self.lock:
            return {"requests": self.requests, "answers": dict(self.answers), "deposits": len(self.deposits)}
