"""Show the NetSynchro certificate of a UAI for a school year as one JSON object; never a secret."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from certificates import cli
from certificates.selectors import (
    certificate_for,
    certificate_integrity_check,
    certificate_status,
    certificate_summary,
)
from establishments.school_years import school_year_label


class Command(BaseCommand):
    help = "Affiche le certificat NetSynchro d'un UAI pour une année scolaire (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args: Any, uai: str, year: int, **options: Any) -> None:
        try:
            with scopes_disabled():
                establishment = cli.establishment_by_uai(uai)
                certificate = certificate_for(establishment=establishment, school_year=cli.checked_year(year))
                if certificate is None:
                    raise cli.Refused(f"Aucun certificat pour {establishment.uai} en {school_year_label(year)}.")
                certificate_integrity_check(certificate)  # the command checks for real; pages use the record
                status = certificate_status(certificate)
        except cli.Refused as error:
            cli.refuse(self, str(error))
        cli.emit(self, {**certificate_summary(certificate), "status": status.code, "status_label": status.label})
