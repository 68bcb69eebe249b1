from __future__ import annotations

from django.apps import AppConfig


class SiecleConfig(AppConfig):
    name = "siecle"
