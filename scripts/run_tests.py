"""`make test`: run the whole suite against a real PostgreSQL and a real Redis.

Uses DATABASE_URL / REDIS_URL (defaults: the local servers on their standard ports) when they answer;
otherwise starts throwaway instances from the machine's binaries in a temporary folder (installing
them with apt-get when they are missing and we may), and stops them afterwards. Debian's Chromium is
installed the same way for the browser tests. Extra arguments go to pytest.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netsync_portal"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def log(message: str) -> None:
    print(f"[make test] {message}", flush=True)


def answers(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def apt_install(*packages: str) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(
            f"[make test] {', '.join(packages)} manquant(s) et installation impossible (ni root ni apt-get)."
        )
    log(f"installation de {' '.join(packages)} avec apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)


def postgres_bin(name: str) -> str | None:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else shutil.which(name)


def as_postgres_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    if not postgres_bin("initdb"):
        apt_install("postgresql")
    initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
    if not (initdb and pg_ctl):
        raise SystemExit("[make test] initdb ou pg_ctl introuvable après l'installation de PostgreSQL.")
    folder = tempfile.mkdtemp(prefix="netsync-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = os.path.join(folder, "data"), free_port()
    subprocess.run(
        as_postgres_user([initdb, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c full_page_writes=off"
    subprocess.run(
        as_postgres_user([pg_ctl, "-D", data, "-o", options, "-l", os.path.join(folder, "log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    log(f"PostgreSQL jetable démarré sur le port {port}")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/netsync_portal"
    finally:
        subprocess.run(
            as_postgres_user([pg_ctl, "-D", data, "-m", "fast", "-w", "stop"]), check=False, capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)
        log("PostgreSQL jetable arrêté")


@contextlib.contextmanager
def throwaway_redis() -> Iterator[str]:
    if not shutil.which("redis-server"):
        apt_install("redis-server")
    folder, port = tempfile.mkdtemp(prefix="netsync-redis-"), free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not answers(f"redis://127.0.0.1:{port}", port):
        if time.monotonic() > deadline:
            process.kill()
            raise SystemExit("[make test] Redis jetable ne répond pas.")
        time.sleep(0.1)
    log(f"Redis jetable démarré sur le port {port}")
    try:
        yield f"redis://127.0.0.1:{port}/15"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
        log("Redis jetable arrêté")


def ensure_chromium() -> None:
    if not (shutil.which("chromium") or os.path.exists("/usr/bin/chromium")):
        apt_install("chromium")


def main(pytest_args: list[str]) -> int:
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    ensure_chromium()
    with contextlib.ExitStack() as stack:
        if not answers(database_url, 5432):
            log(f"aucun PostgreSQL ne répond à {urlparse(database_url).netloc}")
            database_url = stack.enter_context(throwaway_postgres())
        if not answers(redis_url, 6379):
            log(f"aucun Redis ne répond à {urlparse(redis_url).netloc}")
            redis_url = stack.enter_context(throwaway_redis())
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DJANGO_SETTINGS_MODULE": "netsync_portal.settings.test",
        }
        env.pop("CELERY_BROKER_URL", None)
        # The whole suite measures coverage (branch, floor in pyproject.toml); a chosen subset would miss the floor.
        coverage = [] if pytest_args else ["--cov", "--cov-report="]
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "pytest", *coverage, *pytest_args], cwd=ROOT, env=env)
        log(f"durée des tests : {time.monotonic() - started:.1f} s")
        return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
