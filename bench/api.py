"""Benchmark of the API's students list: a 2,000-pupil establishment, 100 per page, 20 concurrent clients,
gunicorn with PostgreSQL and Redis, the production settings.

Run: ``.venv/bin/python bench/api.py [--students 2000] [--clients 20] [--requests 2000] [--workers 3]``.
Creates (and drops first) the database ``netsync_bench_api`` on ``BENCH_SERVER_URL`` (default
postgres://postgres@127.0.0.1:5432), migrates it, imports a generated SIECLE set, gives each client its own
personal access token, starts gunicorn on a free port of 127.0.0.1, then each client walks the list page by
page (following « next », starting over at the end) until the request budget or ``--seconds`` is spent.
Traffic goes to 127.0.0.1 only. Prints one JSON line: p50/p95/p99 latency in ms, requests per second,
errors. Target: p95 ≤ 100 ms. The cache (throttle counters) is ``REDIS_URL`` (default db 15).
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
DATABASE = "netsync_bench_api"
UAI, YEAR = "0691234S", 2026
WARMUP_REQUESTS = 60


def create_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def seed(students: int, clients: int) -> list[str]:
    """Migrate, import a generated establishment, and return one clear token per client."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.test"
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    from api.services import api_token_create
    from establishments.models import Establishment, Membership, Organisation
    from siecle.formats.generator import export_xml_bytes, generate_set
    from siecle.importing import ImportFile, ImportOptions, import_apply

    organisation = Organisation.objects.create(name="Bench API")
    establishment = Establishment.objects.create(organisation=organisation, uai=UAI, name="Collège du banc")
    data = generate_set(uai=UAI, year=YEAR, students=students, seed=1)
    exports = ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Nomenclature", "Structures")
    files = [ImportFile(name=f"{name}.xml", data=export_xml_bytes(data, name)) for name in exports]
    import_apply(establishment=establishment, school_year=YEAR, files=files, options=ImportOptions(groups=True))
    user = User.objects.create_user(username="bench")
    Membership.objects.create(user=user, organisation=organisation, is_administrateur=True)
    return [api_token_create(user=user, name=f"client {n}")[1] for n in range(clients)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    key = base64.b64encode(secrets.token_bytes(32)).decode()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netsync_portal.settings.production",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CERTIFICATE_KEYS": f"bench:{key}",
        "EMAIL_URL": "consolemail://",
        "SECURE_SSL_REDIRECT": "False",  # plain HTTP on loopback, no proxy in front
        "API_THROTTLE_RATE": "1000000/min",  # one token per client: measure the list, not the 429s
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "gunicorn", "netsync_portal.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start within 30 s")


class Load:
    """Closed-loop clients sharing a request budget and a deadline."""

    def __init__(self, base_url: str, budget: int, seconds: float) -> None:
        self.first_page = f"{base_url}/api/v1/establishments/{UAI}/students/?year={YEAR}&page_size=100"
        self.budget, self.deadline = budget, time.monotonic() + seconds
        self.latencies: list[float] = []
        self.errors = 0
        self.lock = threading.Lock()

    def _take(self) -> bool:
        with self.lock:
            if self.budget <= 0 or time.monotonic() > self.deadline:
                return False
            self.budget -= 1
            return True

    def client(self, token: str) -> None:
        url = self.first_page
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=10) as http:
            while self._take():
                started = time.perf_counter()
                response = http.get(url)
                elapsed = time.perf_counter() - started
                ok = response.status_code == 200 and len(response.json()["results"]) > 0
                url = (response.json()["next"] if ok else None) or self.first_page
                with self.lock:
                    self.latencies.append(elapsed)
                    self.errors += 0 if ok else 1


def run_load(base_url: str, tokens: list[str], budget: int, seconds: float) -> dict[str, object]:
    warmup = Load(base_url, WARMUP_REQUESTS, seconds)
    warmup.client(tokens[0])
    load = Load(base_url, budget, seconds)
    threads = [threading.Thread(target=load.client, args=(token,)) for token in tokens]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ms = sorted(latency * 1000 for latency in load.latencies)
    centiles = statistics.quantiles(ms, n=100)
    return {
        "requests": len(ms),
        "errors": load.errors,
        "clients": len(tokens),
        "p50_ms": round(centiles[49], 1),
        "p95_ms": round(centiles[94], 1),
        "p99_ms": round(centiles[98], 1),
        "requests_per_second": round(len(ms) / wall, 1),
        "seconds": round(wall, 1),
        # The machine's load during the run: the figures mean little on a CPU shared with other work.
        "load_average_1min": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="request budget of the measured run")
    parser.add_argument("--seconds", type=float, default=120, help="the measured run stops after this")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (the Dockerfile runs 3)")
    arguments = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    create_database()
    tokens = seed(arguments.students, arguments.clients)
    port = free_port()
    server = start_gunicorn(port, arguments.workers)
    try:
        figures = run_load(f"http://127.0.0.1:{port}", tokens, arguments.requests, arguments.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps({"bench": "api_students_list", "students": arguments.students, **figures}), flush=True)


if __name__ == "__main__":
    main()
