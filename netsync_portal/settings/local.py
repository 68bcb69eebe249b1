"""Laptop settings: SQLite, a filesystem Celery broker, console e-mail; no server to install."""

from __future__ import annotations

import os

from netsync_portal.env import BASE_DIR, ensure_local_secrets

# var/ holds the database, the broker's messages, the test PKI's private keys and the cache: every file a
# process of this laptop stack creates (web, worker, beat, sandbox, manage.py) is readable by its user only.
os.umask(0o077)
ensure_local_secrets()

from .base import *  # noqa: E402,F403
from .base import CELERY_BROKER_URL, env  # noqa: E402

# The product's own error pages by default; DEBUG=1 make run shows Django's debug pages instead.
DEBUG = env.bool("DEBUG", default=False)
# Static files straight from the source folders, without collectstatic, whatever DEBUG says.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECRET_KEY = env("SECRET_KEY")
CERTIFICATE_KEYS = env("CERTIFICATE_KEYS")
NETSYNCHRO_URL = env("NETSYNCHRO_URL", default="https://127.0.0.1:8443")
NETSYNCHRO_CA_FILE = env("NETSYNCHRO_CA_FILE", default=str(BASE_DIR / "var" / "pki" / "ca.pem"))
NETSYNCHRO_CLIENT_CA_FILE = env(
    "NETSYNCHRO_CLIENT_CA_FILE", default=str(BASE_DIR / "var" / "pki" / "ca.pem")
)  # the sandbox PKI issues both

(BASE_DIR / "var").mkdir(exist_ok=True)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = BASE_DIR / "var" / "broker"
    _broker_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "store_processed": False,
        # kombu's default is a "control" folder in the working directory.
        "control_folder": str(_broker_dir / "control"),
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
