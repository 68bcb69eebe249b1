from __future__ import annotations

from django.apps import AppConfig

from establishments.menu import MenuEntry


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Journal"
    menu_entries = (
        MenuEntry(
            label="Journal",
            url_name="audit:journal",
            roles=("administrateur",),
            description="Qui a fait quoi, quand et dans quel établissement ; export CSV.",
            section="Administration",
        ),
    )

    def ready(self) -> None:
        from audit import signals  # noqa: F401 - connects the login receivers
