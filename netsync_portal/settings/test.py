"""Test settings: a real PostgreSQL and a real Redis (``make test`` starts throwaway ones if needed)."""

from __future__ import annotations

import re

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdefghijklmnop"
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/netsync_portal")}
# make run's database engine, for the few tests that must hold on SQLite too (student search). Its tables
# come from the models, not the migrations: the data migrations are written for the one database they run on.
DATABASES["sqlite"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:", "TEST": {"MIGRATE": False}}
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
# The cache gets its own Redis database so that tests may flush it without touching the broker's
# (REDIS_CACHE_URL lets two suites share one Redis server).
CACHES = {
    "default": {
        "BACKEND": "netsync_portal.cache.RedisCache",
        "LOCATION": env("REDIS_CACHE_URL", default=re.sub(r"/\d+$", "", REDIS_URL) + "/14"),
    }
}
CELERY_BROKER_URL = REDIS_URL
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Two fixed test keys: the first writes, both read (rotation tests add a third).
CERTIFICATE_KEYS = "t2:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,t1:HxAeHRwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgE="
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
