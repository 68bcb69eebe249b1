"""``manage.py import_siecle``: import students and guardians from SIECLE BEE exports; prints one JSON object."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand

from establishments.models import Establishment
from netsync_portal.cli import emit
from siecle.formats import FormatError
from siecle.importing import ImportFile, ImportOptions, ImportRefused, import_analyse, import_apply
from siecle.importing.analyse import EMPTY_COUNTS
from siecle.importing.files import check_headers


def _refusal(uai: str, year: int, dry_run: bool, *messages: str) -> dict[str, Any]:
    return {
        "uai": uai,
        "year": year,
        "dry_run": dry_run,
        **{k: dict(v) for k, v in EMPTY_COUNTS.items()},
        "errors": list(messages),
        "warnings": [],
        "error": messages[0],
    }


class Command(BaseCommand):
    help = "Importe les élèves et responsables depuis des exports SIECLE BEE (XML ou ZIP). Affiche un objet JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--year", type=int, required=True, help="année de rentrée (2026 = 2026-2027)")
        parser.add_argument("--dry-run", action="store_true", help="analyser sans rien enregistrer")
        parser.add_argument("--keep-existing", action="store_true", help="Conserver les élèves déjà présents")
        parser.add_argument("--with-nomenclatures", action="store_true", help="Avec nomenclatures")
        parser.add_argument("--groups", action="store_true", help="Importer la répartition des élèves dans les groupes")
        parser.add_argument("files", nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        uai, year, dry_run = options["uai"], options["year"], options["dry_run"]
        establishment = Establishment.objects.filter(uai=uai).first()
        if establishment is None:
            self._refuse(_refusal(uai, year, dry_run, f"Établissement UAI {uai} inconnu du portail."))
        paths = [Path(path) for path in options["files"]]
        # The headers first: a file of another establishment, year or kind is refused before any body is read.
        errors = check_headers([(path.name, path) for path in paths], establishment=establishment, school_year=year)
        if errors:
            self._refuse(_refusal(uai, year, dry_run, *errors))
        try:
            files = [ImportFile.from_path(path) for path in paths]
        except OSError as error:
            self._refuse(_refusal(uai, year, dry_run, f"Fichier illisible : {error.filename}"))
        except FormatError as error:
            self._refuse(_refusal(uai, year, dry_run, error.message))
        choice = ImportOptions(
            with_nomenclatures=options["with_nomenclatures"],
            keep_existing=options["keep_existing"],
            groups=options["groups"],
        )
        kwargs = {"establishment": establishment, "school_year": year, "files": files, "options": choice}
        if dry_run:
            analysis = import_analyse(**kwargs)
            (self._refuse if analysis.refused else self._emit)(analysis.summary(dry_run=True))
            return
        try:
            result = import_apply(**kwargs)
        except ImportRefused as refused:
            self._refuse(refused.analysis.summary(dry_run=False))
        self._emit(result.summary())

    def _emit(self, payload: dict[str, Any]) -> None:
        emit(self.stdout, payload)

    def _refuse(self, payload: dict[str, Any]) -> NoReturn:
        emit(self.stdout, payload)
        raise SystemExit(1)  # the refusal keeps the summary's shape, so not netsync_portal.cli.refuse
