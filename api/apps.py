from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API under ``/api/v1/`` and the personal access tokens that authenticate it."""

    name = "api"
    verbose_name = "API REST"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from api import schema  # noqa: F401 - registers the OpenAPI extension of the token scheme
