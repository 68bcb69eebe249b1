from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from establishments.models import Role
from establishments.selectors import membership_establishments
from establishments.services import OnboardingError, user_create
from netsync_portal.cli import emit, read_secret_file, refuse


class Command(BaseCommand):
    help = "Crée un utilisateur membre d'une organisation avec ses rôles. Affiche un objet JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--password-file", required=True)
        parser.add_argument("--organisation", required=True)
        parser.add_argument("--role", action="append", required=True, choices=Role.values)
        parser.add_argument("--uai", action="append", default=[], help="Limite le membre à ces établissements.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            password = read_secret_file(options["password_file"])
        except OSError:
            refuse(self.stdout, "Le fichier du mot de passe est illisible.")
        try:
            membership = user_create(
                username=options["username"],
                password=password,
                organisation_name=options["organisation"],
                roles=options["role"],
                uais=options["uai"],
            )
        except OnboardingError as error:
            refuse(self.stdout, str(error))
        emit(
            self.stdout,
            {
                "username": membership.user.username,
                "organisation": membership.organisation.name,
                "roles": membership.roles,
                # The establishments the member can open: all of the organisation's when not limited.
                "establishments": sorted(est.uai for est in membership_establishments(membership)),
            },
        )
