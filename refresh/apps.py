from __future__ import annotations

from django.apps import AppConfig

from establishments.menu import MenuEntry


class RefreshConfig(AppConfig):
    name = "refresh"
    verbose_name = "Mise à jour automatique depuis NetSynchro"
    todo_provider = "refresh.selectors.refresh_todo"
    menu_entries = (
        MenuEntry(
            label="Mise à jour automatique",
            url_name="refresh:settings",
            roles=("administrateur",),
            description="Import des élèves depuis NetSynchro chaque nuit ou chaque semaine, avec un résumé par courriel.",
            section="Administration",
        ),
    )

    def ready(self) -> None:
        from refresh import runner  # noqa: F401 - registers the refresh runner with the import jobs
