"""Idempotent demo data: a cité scolaire with three establishments, a second collège, one user per role."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.module_loading import import_string

from establishments.models import Establishment, EstablishmentKind, Organisation, Role
from establishments.selectors import membership_establishments
from establishments.services import membership_set

CITE = "Cité scolaire Jean Moulin"
OTHER = "Collège Victor Hugo"
ESTABLISHMENTS = [
    (CITE, "0691234S", "Collège Jean Moulin", EstablishmentKind.COLLEGE),
    (CITE, "0691235T", "Lycée Jean Moulin", EstablishmentKind.LYCEE),
    (CITE, "0691236U", "Lycée professionnel Jean Moulin", EstablishmentKind.LP),
    (OTHER, "0381111B", "Collège Victor Hugo", EstablishmentKind.COLLEGE),
]
# username, password, organisation, roles, UAIs it is limited to (empty: all of the organisation's)
USERS = [
    ("admin.moulin", "Demo-Admin-2026", CITE, [Role.ADMINISTRATEUR], []),
    ("concepteur.moulin", "Demo-Concepteur-2026", CITE, [Role.CONCEPTEUR], []),
    ("cite.moulin", "Demo-Cite-2026", CITE, [Role.ADMINISTRATEUR, Role.CONCEPTEUR], ["0691234S", "0691235T"]),
    ("externe.hugo", "Demo-Externe-2026", OTHER, [Role.ADMINISTRATEUR, Role.CONCEPTEUR], []),
]
STAFF = ("plateforme", "Demo-Plateforme-2026")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    roles: list[str]
    uais: list[str]

    def line(self) -> str:
        return (
            f"login: {self.username}  mot de passe: {self.password}  rôles: {', '.join(self.roles)}  "
            f"établissements: {', '.join(self.uais) or '-'}"
        )


def _establishments() -> None:
    for organisation_name, uai, name, kind in ESTABLISHMENTS:
        organisation, _ = Organisation.objects.get_or_create(name=organisation_name)
        Establishment.objects.update_or_create(
            uai=uai, defaults={"organisation": organisation, "name": name, "kind": kind}
        )


def _user(username: str, password: str, **extra: object) -> User:
    user, _ = get_user_model().objects.update_or_create(username=username, defaults=extra)
    user.set_password(password)
    user.save()
    return user


def _app_demo_data() -> None:
    """Apps add their own demo data (``demo_provider`` on their AppConfig), given the demo establishments."""
    establishments = list(Establishment.objects.filter(uai__in=[uai for _, uai, _, _ in ESTABLISHMENTS]))
    for config in apps.get_app_configs():
        provider = getattr(config, "demo_provider", None)
        if provider:
            import_string(provider)(establishments)


@transaction.atomic
def demo_setup() -> list[DemoLogin]:
    _establishments()
    logins = []
    for username, password, organisation_name, roles, uais in USERS:
        # An address, so « Mot de passe oublié ? » works in the demo (make run prints e-mails on the console).
        user = _user(username, password, email=f"{username}@demo.netsync-portal.localhost")
        membership = membership_set(
            user=user, organisation=Organisation.objects.get(name=organisation_name), roles=roles, uais=uais
        )
        visible = sorted(est.uai for est in membership_establishments(membership))
        logins.append(DemoLogin(username, password, membership.roles, visible))
    _user(STAFF[0], STAFF[1], is_staff=True, is_superuser=True)
    _app_demo_data()
    logins.append(DemoLogin(STAFF[0], STAFF[1], ["équipe plateforme (administration Django, /admin/)"], []))
    return logins
