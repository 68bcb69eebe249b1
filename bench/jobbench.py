"""Shared plumbing of the job benchmarks: a fresh PostgreSQL database, Django, a real Celery worker.

The broker and the cache are the Redis databases of ``REDIS_URL`` / ``REDIS_CACHE_URL`` (as for the tests).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
YEAR = 2026


def create_database(name: str) -> str:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{SERVER}/{name}"


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("JOB_FILES_ROOT", str(ROOT / "var" / "bench_job_files"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def emit(step: str, **figures: Any) -> None:
    print(json.dumps({"step": step, **figures}, ensure_ascii=False), flush=True)


def purge_queue() -> None:
    from netsync_portal.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("imports")  # type: ignore[attr-defined]  # kombu has it, its stubs not


@contextlib.contextmanager
def worker(processes: int) -> Iterator[subprocess.Popen]:
    """``processes`` worker processes (prefork) consuming the imports queue; returns once they answer."""
    from netsync_portal.celery import app

    hostname = f"bench-{os.getpid()}@localhost"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "netsync_portal",
        "worker",
        "-Q",
        "imports",
        "--pool",
        "prefork",
        "--concurrency",
        str(processes),
        "--hostname",
        hostname,
        "--loglevel",
        "WARNING",
        "--without-gossip",
        "--without-mingle",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[hostname], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start")
        time.sleep(1)  # let every pool process come up
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until(condition: Callable[[], Any], timeout: float = 600, interval: float = 0.01) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError("condition not reached")


def establishment(organisation: Any, uai: str, name: str) -> Any:
    from establishments.models import Establishment

    return Establishment.objects.create(organisation=organisation, uai=uai, name=name)


def uai(number: int) -> str:
    from establishments.uai import uai_check_letter

    digits = f"069{number:04d}"
    return digits + uai_check_letter(digits)
