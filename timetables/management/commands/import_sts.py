"""``manage.py import_sts``: import teachers, structures and services from an STS-Web ``sts_emp`` export."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand

from establishments.models import Establishment
from netsync_portal.cli import emit
from timetables.importing import StsImportResult, sts_import_analyse, sts_import_apply
from timetables.importing.result import COUNT_KEYS


class Command(BaseCommand):
    help = "Importe les structures et services depuis l'export STS-Web sts_emp (XML ou ZIP). Affiche un objet JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--year", type=int, required=True, help="année de rentrée (2026 = 2026-2027)")
        parser.add_argument("--dry-run", action="store_true", help="analyser sans rien enregistrer")
        parser.add_argument("file")

    def handle(self, *args: Any, uai: str, year: int, dry_run: bool, file: str, **options: Any) -> None:
        uai = uai.strip().upper()
        establishment = Establishment.objects.filter(uai=uai).first()
        if establishment is None:
            self._refuse(uai, year, dry_run, f"Établissement UAI {uai} inconnu du portail.")
        if not 2000 <= year <= 2100:
            self._refuse(uai, year, dry_run, f"Année scolaire invalide : {year} (attendu : l'année de la rentrée).")
        if not Path(file).is_file():
            self._refuse(uai, year, dry_run, f"Fichier introuvable : {file}.")
        run = sts_import_analyse if dry_run else sts_import_apply
        result = run(establishment=establishment, school_year=year, source=file)
        emit(self.stdout, result.summary())
        if result.refused:
            raise SystemExit(1)

    def _refuse(self, uai: str, year: int, dry_run: bool, message: str) -> NoReturn:
        result = StsImportResult(uai=uai, year=year, dry_run=dry_run, counts=dict.fromkeys(COUNT_KEYS, 0))
        result.errors.append(message)
        emit(self.stdout, result.summary())
        raise SystemExit(1)
