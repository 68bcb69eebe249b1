"""``manage.py siecle_check FILE…``: one JSON line per file; exit 1 when a file is refused."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from siecle.formats import run_check


class Command(BaseCommand):
    help = "Vérifie des exports SIECLE BEE (.xml ou .zip) et affiche un objet JSON par fichier."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        usable = True
        for path in options["files"]:
            check = run_check(path)
            self.stdout.write(json.dumps(check.result, ensure_ascii=False))
            usable = usable and check.usable
        if not usable:
            raise SystemExit(1)
