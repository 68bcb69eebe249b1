"""``python manage.py export_ministry --uai UAI --year YEAR --target sts-web|siecle-bee|vie-etablissement
--output PATH [--deposit]``: prints ``{"target", "output", "bytes", "checks": {"errors", "warnings"},
"deposit": null | {"id", "status"}}``; exit 1 when blocking checks fail (no file is written)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from establishments.models import Establishment
from establishments.scoping import establishment_scope
from exports.services import export_deposit_generated, export_generate
from exports.targets import Target
from netsynchro.errors import NetSynchroError


def _write_atomically(path: Path, content: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = "Contrôle puis génère un export vers STS-Web ou SIECLE (et le dépose sur NetSynchro avec --deposit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--target", required=True, choices=Target.values)
        parser.add_argument("--output", required=True)
        parser.add_argument("--deposit", action="store_true")

    def _fail(self, message: str) -> NoReturn:
        self.stdout.write(json.dumps({"error": message}, ensure_ascii=False))
        sys.exit(1)

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            establishment = Establishment.objects.filter(uai=options["uai"].upper()).first()
        if establishment is None:
            self._fail(f"Établissement {options['uai']} inconnu.")
        year, target = options["year"], options["target"]
        with establishment_scope(establishment):
            generated = export_generate(establishment=establishment, school_year=year, target=target)
        deposit = None
        if generated.content is not None:
            _write_atomically(Path(options["output"]), generated.content)
            if options["deposit"]:
                try:
                    deposit = export_deposit_generated(
                        establishment=establishment, school_year=year, generated=generated
                    )
                except NetSynchroError as error:
                    self._fail(error.message)
        report = generated.report
        summary = {
            "target": target,
            "output": options["output"],
            "bytes": len(generated.content) if generated.content is not None else 0,
            "checks": {"errors": [f.message for f in report.errors], "warnings": [f.message for f in report.warnings]},
            "deposit": {"id": deposit.id, "status": deposit.status} if deposit else None,
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
        if report.blocked:
            sys.exit(1)
