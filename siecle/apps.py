from __future__ import annotations

from django.apps import AppConfig
from django.db.backends.signals import connection_created

from establishments.menu import MenuEntry


class SiecleConfig(AppConfig):
    name = "siecle"
    verbose_name = "SIECLE"
    todo_provider = "siecle.selectors.import_todo"
    menu_entries = (
        MenuEntry(label="Élèves", url_name="siecle:students", description="Élèves et responsables importés de SIECLE."),
        MenuEntry(
            label="Divisions et groupes", url_name="siecle:structures", description="Structures et leurs élèves."
        ),
    )

    def ready(self) -> None:
        from siecle.search import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="siecle-sqlite-unaccent")
