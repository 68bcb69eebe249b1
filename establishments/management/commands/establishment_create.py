from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from establishments.models import EstablishmentKind
from establishments.services import OnboardingError, establishment_create
from netsync_portal.cli import emit, refuse


class Command(BaseCommand):
    help = "Crée un établissement (et son organisation si besoin). Affiche un objet JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--uai", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--organisation", required=True)
        parser.add_argument("--kind", default=EstablishmentKind.COLLEGE, help=", ".join(EstablishmentKind.values))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = establishment_create(
                uai=options["uai"],
                name=options["name"],
                organisation_name=options["organisation"],
                kind=options["kind"],
            )
        except OnboardingError as error:
            refuse(self.stdout, str(error))
        est = result.establishment
        emit(
            self.stdout,
            {
                "organisation": est.organisation.name,
                "uai": est.uai,
                "name": est.name,
                "kind": est.kind,
                "created": result.created,
            },
        )
