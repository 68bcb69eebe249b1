from __future__ import annotations

from django.apps import AppConfig

from establishments.menu import MenuEntry


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Comptes et membres"
    menu_entries = (
        MenuEntry(
            label="Utilisateurs",
            url_name="members:list",
            roles=("administrateur",),
            description="Inviter des collègues, choisir leurs rôles et établissements, désactiver un compte.",
            section="Administration",
        ),
    )
