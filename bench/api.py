"""Benchmark of the API's students list: a 2,000-pupil establishment, 100 per page, 20 concurrent clients,
gunicorn with PostgreSQL and Redis, the production settings.

Run: ``.venv/bin/python bench/api.py [--students 2000] [--clients 20] [--seconds 30] [--workers 3]
[--page-cache both|on|off]``.
Creates (and drops first) the database ``netsync_bench_api`` on ``BENCH_SERVER_URL`` (default
postgres://postgres@127.0.0.1:5432), migrates it, imports a generated SIECLE set, gives each client its own
personal access token, starts gunicorn on a free port of 127.0.0.1, then runs wrk: each of its
``--clients`` threads holds one connection and walks the list page by page (following « next », starting
over at the end) for ``--seconds``. Traffic goes to 127.0.0.1 only. Prints one JSON line per run:
p50/p95/p99 latency in ms, requests per second, errors. Target: p95 ≤ 100 ms.

Two runs by default: with the page cache of production (``API_PAGE_CACHE_SECONDS``: pages are kept
until an import changes the data, api/page_cache.py), then without it, every page read from PostgreSQL.

The load comes from wrk (Debian's package, installed by this script when missing and run as root), not
from Python: on a machine of two cores, a Python HTTP client spends about 3 ms of CPU per request, which
the server would lose. The cache (throttle counters, pages) is ``REDIS_URL`` (default db 15).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
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
FIRST_PAGE = f"/api/v1/establishments/{UAI}/students/?year={YEAR}&page_size=100"
WALK_SCRIPT = ROOT / "bench" / "api_walk.lua"
WARMUP_SECONDS = 3


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
    tokens = [api_token_create(user=user, name=f"client {n}")[1] for n in range(clients)]
    # A settled database, as in production: autovacuum would otherwise work through the import's fresh
    # rows during the first measured run.
    with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return tokens


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(port: int, workers: int, page_cache: bool) -> subprocess.Popen:
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
        "API_PAGE_CACHE_SECONDS": "60" if page_cache else "0",
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


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    return found


def check_first_page(base_url: str, token: str) -> None:
    """One page read and checked before the load: wrk only sees statuses and a « next » link."""
    response = httpx.get(base_url + FIRST_PAGE, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    page = response.json()
    if response.status_code != 200 or len(page["results"]) != 100 or not page["next"]:
        raise SystemExit(f"unexpected first page: {response.status_code} {response.text[:300]}")


def run_wrk(wrk: str, base_url: str, tokens_file: Path, clients: int, seconds: float) -> dict[str, float]:
    command = [wrk, f"-t{clients}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(WALK_SCRIPT)]
    command += [base_url, "--", FIRST_PAGE, str(tokens_file)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return figures


def measure(wrk: str, tokens: list[str], workers: int, clients: int, seconds: float, page_cache: bool) -> dict:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, workers, page_cache)
    try:
        with tempfile.TemporaryDirectory() as folder:
            tokens_file = Path(folder) / "tokens"
            tokens_file.write_text("\n".join(tokens) + "\n")
            check_first_page(base_url, tokens[0])
            run_wrk(wrk, base_url, tokens_file, 1, WARMUP_SECONDS)  # connections, caches, the pages once
            load_before = os.getloadavg()[0]
            figures = run_wrk(wrk, base_url, tokens_file, clients, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "page_cache": page_cache,
        "requests": figures["requests"],
        "errors": figures["bad_pages"] + figures["socket_errors"],
        "clients": clients,
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
        "requests_per_second": round(figures["requests"] / figures["duration_us"] * 1e6, 1),
        "seconds": round(figures["duration_us"] / 1e6, 1),
        # The machine's load before the run: the figures mean little on a CPU shared with other work.
        "load_average_1min_before": round(load_before, 1),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="length of each measured run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (the Dockerfile runs 3)")
    parser.add_argument("--page-cache", choices=["both", "on", "off"], default="both")
    arguments = parser.parse_args()
    wrk = ensure_wrk()
    create_database()
    tokens = seed(arguments.students, arguments.clients)
    modes = {"both": [True, False], "on": [True], "off": [False]}[arguments.page_cache]
    for page_cache in modes:
        figures = measure(wrk, tokens, arguments.workers, arguments.clients, arguments.seconds, page_cache)
        print(json.dumps({"bench": "api_students_list", "students": arguments.students, **figures}), flush=True)


if __name__ == "__main__":
    main()
