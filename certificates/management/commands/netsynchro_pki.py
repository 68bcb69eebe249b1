"""Create a test PKI (CA, localhost server, one client .p12 per UAI, fault variants); prints JSON.

For the sandbox, the demo and the tests only: the keys are throwaway and the output holds passwords.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.management.base import BaseCommand, CommandParser

from certificates import cli
from certificates.pki import generate_test_pki


class Command(BaseCommand):
    help = "Crée une PKI de test NetSynchro (AC, serveur localhost, un .p12 par UAI) et affiche un JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="dossier de sortie (créé au besoin)")
        parser.add_argument("--uai", required=True, nargs="+", action="extend", help="un ou plusieurs UAI")
        parser.add_argument("--key-type", choices=("rsa", "ec"), default="rsa")
        parser.add_argument(
            "--server-name", action="append", default=[], help="autre nom du serveur (service docker compose)"
        )

    def handle(
        self,
        *args: Any,
        out: str,
        uai: list[str],
        key_type: Literal["rsa", "ec"],
        server_name: list[str],
        **options: Any,
    ) -> None:
        uais = list(dict.fromkeys(value.strip().upper() for value in uai))
        try:
            result = generate_test_pki(out, uais, key_type=key_type, server_names=server_name)
        except ValueError as error:
            cli.refuse(self, str(error))
        cli.emit(self, result)
