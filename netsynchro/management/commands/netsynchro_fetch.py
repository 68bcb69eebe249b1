from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from establishments.models import Establishment
from establishments.uai import normalise_uai
from netsync_portal.cli import emit, refuse
from netsynchro import protocol
from netsynchro.errors import NetSynchroError
from netsynchro.services import fetch_export, save_export


class Command(BaseCommand):
    help = "Récupère un export SIECLE BEE d'un établissement par NetSynchro et l'enregistre dans un dossier."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument(
            "--year", required=True, type=int, help="première année de l'année scolaire (2026 = 2026-2027)"
        )
        parser.add_argument("--kind", required=True, choices=protocol.EXPORT_KINDS)
        parser.add_argument("--out", required=True, help="dossier de destination")

    def handle(self, *args: Any, **options: Any) -> None:
        uai = normalise_uai(options["uai"])
        with scopes_disabled():
            establishment = Establishment.objects.filter(uai=uai).first()
        if establishment is None:
            refuse(self.stdout, f"Établissement inconnu : {uai}.")
        out = Path(options["out"])
        try:
            out.mkdir(parents=True, exist_ok=True)
            # Streamed into a private file of ``out`` itself, so that keeping it is a rename.
            export = fetch_export(
                establishment=establishment, year=options["year"], kind=options["kind"], directory=out
            )
            path = save_export(export, out)
        except NetSynchroError as error:
            refuse(self.stdout, error.message)
        except OSError as error:
            refuse(self.stdout, f"Impossible d'enregistrer l'export dans {options['out']} : {error.strerror}.")
        emit(
            self.stdout,
            {
                "uai": uai,
                "year": options["year"],
                "kind": options["kind"],
                "file": str(path),
                "bytes": export.size,
            },
        )
