from __future__ import annotations

from django.apps import AppConfig

from establishments.menu import MenuEntry


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Certificats NetSynchro"
    banner_provider = "certificates.selectors.certificate_banners"
    todo_provider = "certificates.selectors.certificate_todo"
    menu_entries = (
        MenuEntry(
            label="Gérer les certificats NetSynchro",
            url_name="certificates:manage",
            description="Un certificat par UAI et par année : ajouter, modifier, supprimer, tester la connexion, "
            "suivre l'expiration.",
            manager_roles=("administrateur",),
            reader_description="Un certificat par UAI et par année : consulter leur état et leur expiration.",
        ),
    )

    def ready(self) -> None:
        from certificates import checks  # noqa: F401 - registers the key ring system check
