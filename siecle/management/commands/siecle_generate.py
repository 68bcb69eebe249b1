"""``manage.py siecle_generate``: write the four generated exports as zips, print them as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from siecle.formats.generator import generate_set, write_exports


class Command(BaseCommand):
    help = "Génère un jeu cohérent d'exports SIECLE BEE (ExportXML_*.zip) pour un UAI et une année."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--year", type=int, required=True, help="année de rentrée (2024 = 2024-2025)")
        parser.add_argument("--students", type=int, required=True)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--out", required=True)
        parser.add_argument("--responsables-format", choices=("old", "new"), default="new")

    def handle(self, *args: Any, **options: Any) -> None:
        data = generate_set(
            uai=options["uai"],
            year=options["year"],
            students=options["students"],
            seed=options["seed"],
            responsables_format=options["responsables_format"],
        )
        written = write_exports(options["out"], data)
        self.stdout.write(json.dumps({"files": [str(path) for path in written]}, ensure_ascii=False))
