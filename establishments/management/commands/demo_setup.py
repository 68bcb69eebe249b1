from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from establishments.demo import demo_setup


class Command(BaseCommand):
    help = "Crée (ou remet en état) les données de démonstration et affiche les identifiants."

    def handle(self, *args: Any, **options: Any) -> None:
        for login in demo_setup():
            self.stdout.write(login.line())
