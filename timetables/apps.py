from __future__ import annotations

from django.apps import AppConfig


class TimetablesConfig(AppConfig):
    name = "timetables"
