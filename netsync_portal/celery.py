"""The Celery app. Tasks live in each app's ``tasks.py``; they take ids and call one service."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsync_portal.settings.local")

app = Celery("netsync_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
