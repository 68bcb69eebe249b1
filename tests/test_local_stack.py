"""`make run`'s laptop stack keeps var/ (database, broker messages, test PKI, cache) private to its user."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.run_local import make_var_private

ROOT = Path(__file__).resolve().parent.parent
# What the laptop stack needs to run, without this checkout's own var/, .env and caches.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "var", ".env", "__pycache__", ".mypy_cache", ".pytest_cache", "tests", "bench", "docs"
)
SERVER_ENV = ("DATABASE_URL", "REDIS_URL", "REDIS_CACHE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")
# What the web process, the worker, beat and the PKI command write into var/, each a process of its own.
WRITE_LIKE_THE_STACK = """
from django.core.cache import cache
from certificates.tasks import check_certificate_expiry
cache.set("stack-test", 1)
check_certificate_expiry.delay()
"""


def readable_by_others(var: Path) -> list[str]:
    paths = [var, *var.rglob("*")]
    return sorted(f"{stat.filemode(p.stat().st_mode)} {p.relative_to(var)}" for p in paths if p.stat().st_mode & 0o077)


@pytest.fixture
def laptop_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "portal"
    shutil.copytree(ROOT, tree, ignore=NOT_COPIED)
    return tree


def manage_local(tree: Path, *args: str) -> None:
    env = {name: value for name, value in os.environ.items() if name not in SERVER_ENV}
    env["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.local"
    subprocess.run([sys.executable, "manage.py", *args], cwd=tree, env=env, check=True, capture_output=True)


@pytest.mark.slow
def test_it_keeps_every_file_the_stack_writes_under_var_private(laptop_tree: Path) -> None:
    manage_local(laptop_tree, "migrate", "--noinput", "-v", "0")
    manage_local(laptop_tree, "netsynchro_pki", "--out", "var/pki", "--uai", "0691234S")
    manage_local(laptop_tree, "shell", "-c", WRITE_LIKE_THE_STACK)

    var = laptop_tree / "var"
    written = {path.relative_to(var).parts[0] for path in var.rglob("*") if path.is_file()}
    assert {"db.sqlite3", "pki", "broker", "cache"} <= written
    assert readable_by_others(var) == []


def test_it_tightens_what_an_earlier_run_left_readable(tmp_path: Path) -> None:
    var = tmp_path / "var"
    (var / "broker").mkdir(parents=True)
    (var / "db.sqlite3").write_bytes(b"SQLite format 3\x00")
    (var / "broker" / "message.msg").write_bytes(b"{}")
    for path, mode in ((var, 0o755), (var / "broker", 0o755), (var / "db.sqlite3", 0o644)):
        path.chmod(mode)

    make_var_private(var)

    assert readable_by_others(var) == []
    assert stat.S_IMODE((var / "db.sqlite3").stat().st_mode) == 0o600
