from __future__ import annotations

from django.apps import AppConfig


class NetsynchroConfig(AppConfig):
    name = "netsynchro"
