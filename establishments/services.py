"""Writes of tenancy data: onboarding organisations, establishments and their members."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from establishments.models import Establishment, EstablishmentKind, Membership, Organisation, Role
from establishments.uai import normalise_uai, uai_error


class OnboardingError(Exception):
    """A refusal with a French message for the operator."""


@dataclass(frozen=True)
class EstablishmentCreated:
    establishment: Establishment
    created: bool


def _kind(kind: str) -> str:
    if kind not in EstablishmentKind.values:
        allowed = ", ".join(EstablishmentKind.values)
        raise OnboardingError(f"Type d'établissement inconnu « {kind} » (valeurs possibles : {allowed}).")
    return kind


@transaction.atomic
def establishment_create(
    *, uai: str, name: str, organisation_name: str, kind: str = EstablishmentKind.COLLEGE
) -> EstablishmentCreated:
    uai = normalise_uai(uai)
    if message := uai_error(uai):
        raise OnboardingError(message)
    if not name.strip() or not organisation_name.strip():
        raise OnboardingError("Le nom de l'établissement et celui de l'organisation sont obligatoires.")
    existing = Establishment.objects.filter(uai=uai).select_related("organisation").first()
    if existing:
        raise OnboardingError(
            f"L'UAI {uai} est déjà enregistré ({existing.name}, organisation « {existing.organisation.name} »)."
        )
    organisation, _ = Organisation.objects.get_or_create(name=organisation_name.strip())
    establishment = Establishment(organisation=organisation, uai=uai, name=name.strip(), kind=_kind(kind))
    establishment.full_clean()
    establishment.save()
    return EstablishmentCreated(establishment=establishment, created=True)


def _establishments_of(organisation: Organisation, uais: list[str]) -> list[Establishment]:
    wanted = [normalise_uai(uai) for uai in uais]
    found = {est.uai: est for est in organisation.establishments.filter(uai__in=wanted)}
    missing = [uai for uai in wanted if uai not in found]
    if missing:
        raise OnboardingError(
            f"Établissement(s) {', '.join(missing)} inconnu(s) dans l'organisation « {organisation.name} »."
        )
    return [found[uai] for uai in wanted]


@transaction.atomic
def membership_set(
    *, user: User, organisation: Organisation, roles: Sequence[str], uais: list[str] | None = None
) -> Membership:
    """Give ``user`` exactly ``roles`` in ``organisation``, limited to ``uais`` when given."""
    unknown = sorted(set(roles) - set(Role.values))
    if unknown or not roles:
        raise OnboardingError("Rôle inconnu ou absent : choisissez administrateur et/ou concepteur.")
    limited = _establishments_of(organisation, uais or [])
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"is_administrateur": Role.ADMINISTRATEUR in roles, "is_concepteur": Role.CONCEPTEUR in roles},
    )
    membership.establishments.set(limited)
    return membership


@transaction.atomic
def user_create(
    *, username: str, password: str, organisation_name: str, roles: list[str], uais: list[str] | None = None
) -> Membership:
    organisation = Organisation.objects.filter(name=organisation_name).first()
    if organisation is None:
        raise OnboardingError(f"Organisation inconnue : « {organisation_name} ».")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise OnboardingError(f"L'identifiant « {username} » existe déjà.")
    if not password:
        raise OnboardingError("Le fichier du mot de passe est vide.")
    try:
        validate_password(password, User(username=username))
    except ValidationError as error:
        raise OnboardingError("Mot de passe refusé : " + " ".join(error.messages)) from None
    user = User.objects.create_user(username=username, password=password)
    return membership_set(user=user, organisation=organisation, roles=roles, uais=uais)
