"""Install (or replace) the NetSynchro certificate of a UAI for a school year; prints one JSON object."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from certificates import cli
from certificates.pkcs12 import CertificateError
from certificates.selectors import certificate_summary
from certificates.services import certificate_install


class Command(BaseCommand):
    help = "Installe le certificat NetSynchro (.p12) d'un UAI pour une année scolaire."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--year", required=True, type=int, help="année de la rentrée (2026 = 2026-2027)")
        parser.add_argument("--file", required=True, help="le fichier .p12 / .pfx")
        parser.add_argument("--password-file", required=True, help="fichier contenant la clé certificat")

    def handle(self, *args: Any, uai: str, year: int, file: str, password_file: str, **options: Any) -> None:
        try:
            with scopes_disabled():  # the establishment is resolved explicitly by its UAI
                establishment = cli.establishment_by_uai(uai)
                certificate = certificate_install(
                    establishment=establishment,
                    school_year=cli.checked_year(year),
                    data=cli.read_certificate_file(file),
                    password=cli.read_password_file(password_file),
                    actor_label="commande certificate_install",
                )
        except (cli.Refused, CertificateError) as error:
            cli.refuse(self, str(error))
        cli.emit(self, certificate_summary(certificate))
