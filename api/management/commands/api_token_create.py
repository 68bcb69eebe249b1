from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from api.services import ApiTokenError, api_token_create
from netsync_portal.cli import emit, refuse


class Command(BaseCommand):
    help = 'Crée un jeton d\'accès API pour un utilisateur. Affiche {"token"} : il ne sera plus jamais affiché.'

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--expires-days", type=int, default=None)
        parser.add_argument("--name", default="jeton créé en ligne de commande")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None or not user.is_active:
            refuse(self.stdout, f"Utilisateur inconnu ou désactivé : {options['username']}.")
        try:
            _, raw = api_token_create(user=user, name=options["name"], expires_days=options["expires_days"])
        except ApiTokenError as error:
            refuse(self.stdout, str(error))
        emit(self.stdout, {"token": raw})
