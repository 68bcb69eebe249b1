from __future__ import annotations

from django.apps import AppConfig

from establishments.menu import MenuEntry

ADMINISTRATION = "Administration"


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Tâches (imports et exports)"
    menu_entries = (
        MenuEntry(
            label="Importer des données",
            url_name="jobs:import",
            roles=("administrateur",),
            description="Élèves et responsables depuis SIECLE, via NetSynchro ou par fichiers ; structures et services depuis STS-Web ; "
            "historique des imports.",
            section=ADMINISTRATION,
        ),
    )

    def ready(self) -> None:
        from jobs import imports, sts  # noqa: F401 - register the import runners
