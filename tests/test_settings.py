"""Production settings refuse to start without their secrets and pass `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "p" * 20 + "roduction-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "portail.example.fr",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "CERTIFICATE_KEYS": "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    "EMAIL_URL": "smtp://localhost:25",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {*PRODUCTION_ENV, "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_passes_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_each_secret():
    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CERTIFICATE_KEYS", "ALLOWED_HOSTS", "EMAIL_URL"):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != name}
        result = manage("check", env=env)
        assert result.returncode != 0 and name in result.stderr, name


def test_production_refuses_an_empty_key_ring():
    result = manage("check", env={**PRODUCTION_ENV, "CERTIFICATE_KEYS": " "})
    assert result.returncode != 0 and "CERTIFICATE_KEYS" in result.stderr


def test_production_refuses_a_malformed_key_ring():
    result = manage("check", env={**PRODUCTION_ENV, "CERTIFICATE_KEYS": "k1:not-base64"})
    assert result.returncode != 0 and "CERTIFICATE_KEYS" in result.stderr
