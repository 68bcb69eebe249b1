from __future__ import annotations

from django.apps import AppConfig

from establishments.menu import MenuEntry


class TimetablesConfig(AppConfig):
    name = "timetables"
    verbose_name = "Emplois du temps"
    demo_provider = "timetables.demo.demo_timetables"
    menu_entries = (
        MenuEntry(
            label="Emploi du temps",
            url_name="timetables:index",
            description="Grilles par division, groupe, enseignant et salle ; services, alternances, conflits.",
        ),
    )
