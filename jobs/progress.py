"""Live progress and heartbeats, kept in the cache (Redis in production) rather than in the Job row.

The import writes everything in one transaction: a progress UPDATE of the Job row made on that connection
would stay invisible to the polling page until commit (CONVENTIONS.md §C.2 #5). The cache is outside any
transaction; the final state goes to the Job row when the work is over.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache

# Steps of an import, in order, with the part of the bar each fills (percent from, to).
STEPS: dict[str, tuple[str, int, int]] = {
    "queued": ("En attente d'un traitement", 0, 0),
    "fetching": ("Récupération sur NetSynchro", 0, 20),
    "reading": ("Lecture et contrôle", 20, 50),
    "comparing": ("Comparaison", 50, 70),
    "writing": ("Écriture", 70, 100),
}
KEY_TTL_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Progress:
    step: str  # French label of the step
    percent: int


def _progress_key(job_id: object) -> str:
    return f"jobs:progress:{job_id}"


def _heartbeat_key(job_id: object) -> str:
    return f"jobs:heartbeat:{job_id}"


def step_progress(step: str, done: int, total: int) -> Progress:
    label, start, end = STEPS[step]
    fraction = done / total if total else 0
    return Progress(label, start + round((end - start) * fraction))


def progress_publish(job_id: object, progress: Progress) -> None:
    cache.set(_progress_key(job_id), asdict(progress), KEY_TTL_SECONDS)


def progress_read(job_id: object) -> Progress | None:
    data = cache.get(_progress_key(job_id))
    return Progress(**data) if data else None


def progress_clear(job_id: object) -> None:
    cache.delete_many([_progress_key(job_id), _heartbeat_key(job_id)])


def heartbeat_read(job_id: object) -> float | None:
    """The last heartbeat (epoch seconds) of the job's running attempt, if any is known."""
    return cache.get(_heartbeat_key(job_id))


class Throttled:
    """A progress callback for the import service that publishes at most every ``interval`` seconds,
    and always when the step changes or ends."""

    def __init__(self, job_id: object, *, interval: float = 0.2) -> None:
        self.job_id = job_id
        self.interval = interval
        self._last = (0.0, "")

    def __call__(self, step: str, done: int, total: int) -> None:
        now = time.monotonic()
        last_time, last_step = self._last
        if step == last_step and done < total and now - last_time < self.interval:
            return
        self._last = (now, step)
        progress_publish(self.job_id, step_progress(step, done, total))


@contextmanager
def heartbeat(job_id: object) -> Iterator[None]:
    """Beat every JOB_HEARTBEAT_SECONDS from a thread while the block runs, even during one long SQL
    statement; a killed worker stops beating and the reaper fails its job."""
    stop = threading.Event()

    def beat() -> None:
        while True:
            cache.set(_heartbeat_key(job_id), time.time(), KEY_TTL_SECONDS)
            if stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                return

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
