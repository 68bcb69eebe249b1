"""The single django-environ reader. ``FileAwareEnv`` lets ``X_FILE`` point at a Docker secret."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_ENV_FILE = BASE_DIR / ".env"
env = environ.FileAwareEnv()


def new_key_ring_entry(key_id: str = "k1") -> str:
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(32)).decode()}"


def ensure_local_secrets(env_file: Path = LOCAL_ENV_FILE) -> None:
    """Development only: read ``.env`` and generate the secrets it lacks into it, once.

    A laptop then keeps the same SECRET_KEY and certificate key ring across restarts, so the
    certificates it stored stay readable, without any secret being committed.
    """
    if env_file.exists():
        environ.Env.read_env(env_file)
    generated = {}
    if not os.environ.get("SECRET_KEY"):
        generated["SECRET_KEY"] = secrets.token_urlsafe(50)
    if not os.environ.get("CERTIFICATE_KEYS"):
        generated["CERTIFICATE_KEYS"] = new_key_ring_entry()
    if not generated:
        return
    with env_file.open("a", encoding="utf-8") as handle:
        handle.write("# Generated on first run for this machine only (never commit this file).\n")
        for name, value in generated.items():
            handle.write(f"{name}={value}\n")
            os.environ[name] = value
    env_file.chmod(0o600)
