from __future__ import annotations

from django.apps import AppConfig

from establishments.menu import MenuEntry

TIMETABLE_SECTION = "Emploi du temps"


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "Exports vers STS-Web et SIECLE"
    menu_entries = (
        MenuEntry(
            label="Exporter vers STS-Web / SIECLE",
            url_name="exports:start",
            roles=("administrateur", "concepteur"),
            description="Contrôles, fichiers pour SIECLE BEE, SIECLE Vie de l'établissement et STS-Web, dépôt NetSynchro.",
            section=TIMETABLE_SECTION,
        ),
        MenuEntry(
            label="Historique des exports",
            url_name="exports:history",
            roles=("administrateur", "concepteur"),
            description="Chaque export avec ses contrôles, son fichier et le statut de son dépôt.",
            section=TIMETABLE_SECTION,
        ),
    )

    def ready(self) -> None:
        from exports import jobs  # noqa: F401 - registers the export runner
