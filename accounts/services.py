"""Writes on an organisation's members: invite, accept, change roles and establishments, deactivate,
reactivate, and the organisation's two-factor rule. Each one writes its journal entry.

Rules kept here, whatever the page: an administrateur grants only the organisation's roles and
establishments (and, when limited to some establishments, only those); the organisation always keeps
at least one active administrateur.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.grants import Grant, MemberError, grantable_check
from accounts.models import Invitation
from audit.kinds import AuditKind
from audit.services import audit_record
from establishments.models import Membership, Organisation


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def member_invite(*, actor_membership: Membership, email: str, grant: Grant) -> tuple[Invitation, str]:
    """Create an invitation; returns it and the clear token, which only the e-mail's link carries."""
    organisation = actor_membership.organisation
    grantable_check(actor_membership, grant)
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email, is_active=True).exists():
        raise MemberError(f"{email} est déjà membre de {organisation.name}.")
    token, now = secrets.token_urlsafe(32), timezone.now()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        is_administrateur=grant.is_administrateur,
        is_concepteur=grant.is_concepteur,
        token_sha256=token_digest(token),
        invited_by=actor_membership.user,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.establishments.set(grant.establishments)
    audit_record(
        organisation=organisation,
        kind=AuditKind.MEMBER_INVITED,
        actor=actor_membership.user,
        summary=f"Invitation envoyée à {email} ({_describe(grant)}).",
        details={"email": email, "roles": ",".join(grant.roles), "uai": _uais(grant)},
    )
    return invitation, token


@transaction.atomic
def invitation_cancel(*, actor_membership: Membership, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link then answers as unknown."""
    email = invitation.email
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()
    audit_record(
        organisation=actor_membership.organisation,
        kind=AuditKind.MEMBER_INVITATION_CANCELLED,
        actor=actor_membership.user,
        summary=f"Invitation de {email} annulée.",
        details={"email": email},
    )


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link names, pending or not (the page says which); None for an unknown link."""
    return Invitation.objects.select_related("organisation").filter(token_sha256=token_digest(token)).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, username: str, password: str) -> Membership:
    """Create the invitee's account and membership. Refused when the link was used or has expired."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_pending():
        raise MemberError("Ce lien d'invitation a déjà servi ou a expiré : demandez une nouvelle invitation.")
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise MemberError(f"L'identifiant « {username} » est déjà pris : choisissez-en un autre.")
    user = User(username=username, email=locked.email)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise MemberError(" ".join(error.messages)) from None
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(
        user=user,
        organisation=locked.organisation,
        is_administrateur=locked.is_administrateur,
        is_concepteur=locked.is_concepteur,
    )
    membership.establishments.set(locked.establishments.all())
    locked.accepted_at, locked.user = timezone.now(), user
    locked.save(update_fields=["accepted_at", "user"])
    audit_record(
        organisation=locked.organisation,
        kind=AuditKind.MEMBER_JOINED,
        actor=user,
        summary=f"{username} a accepté l'invitation envoyée à {locked.email}.",
        details={"email": locked.email, "roles": ",".join(locked.roles)},
    )
    return membership


@transaction.atomic
def membership_update(*, actor_membership: Membership, membership: Membership, grant: Grant) -> Membership:
    """Set ``membership``'s roles and establishments (``grantable_check``: only a member wholly within the
    actor's establishments, and only those establishments)."""
    grantable_check(actor_membership, grant, target=membership)
    locked = _locked(membership)
    if locked.is_administrateur and not grant.is_administrateur:
        _keep_an_administrateur(locked)
    locked.is_administrateur, locked.is_concepteur = grant.is_administrateur, grant.is_concepteur
    locked.save(update_fields=["is_administrateur", "is_concepteur"])
    locked.establishments.set(grant.establishments)
    audit_record(
        organisation=locked.organisation,
        kind=AuditKind.MEMBER_CHANGED,
        actor=actor_membership.user,
        summary=f"Accès de {locked.user.get_username()} modifiés : {_describe(grant)}.",
        details={"membre": locked.user.get_username(), "roles": ",".join(grant.roles), "uai": _uais(grant)},
    )
    return locked


@transaction.atomic
def membership_deactivate(*, actor_membership: Membership, membership: Membership) -> Membership:
    grantable_check(actor_membership, None, target=membership)
    locked = _locked(membership)
    if locked.is_active and locked.is_administrateur:
        _keep_an_administrateur(locked)
    return _set_active(actor_membership, locked, active=False)


@transaction.atomic
def membership_reactivate(*, actor_membership: Membership, membership: Membership) -> Membership:
    grantable_check(actor_membership, None, target=membership)
    return _set_active(actor_membership, _locked(membership), active=True)


@transaction.atomic
def organisation_totp_set(*, actor_membership: Membership, required: bool) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=actor_membership.organisation_id)
    if organisation.administrateurs_totp_required == required:
        return organisation
    organisation.administrateurs_totp_required = required
    organisation.save(update_fields=["administrateurs_totp_required"])
    state = "obligatoire" if required else "facultative"
    audit_record(
        organisation=organisation,
        kind=AuditKind.ORGANISATION_CHANGED,
        actor=actor_membership.user,
        summary=f"Double authentification désormais {state} pour les administrateurs.",
        details={"administrateurs_totp_required": required},
    )
    return organisation


def _set_active(actor_membership: Membership, membership: Membership, *, active: bool) -> Membership:
    if membership.is_active == active:
        return membership
    membership.is_active = active
    membership.save(update_fields=["is_active"])
    name = membership.user.get_username()
    audit_record(
        organisation=membership.organisation,
        kind=AuditKind.MEMBER_REACTIVATED if active else AuditKind.MEMBER_DEACTIVATED,
        actor=actor_membership.user,
        summary=f"{name} {'réactivé' if active else 'désactivé'}.",
        details={"membre": name},
    )
    return membership


def _locked(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)


def _keep_an_administrateur(membership: Membership) -> None:
    """Refuse a change that would leave the organisation without an active administrateur."""
    others = Membership.objects.select_for_update().filter(
        organisation=membership.organisation_id, is_administrateur=True, is_active=True
    )
    if not others.exclude(pk=membership.pk).exists():
        raise MemberError(
            "Vous êtes le dernier administrateur actif de l'organisation : nommez d'abord un autre "
            "administrateur, sinon plus personne ne pourrait gérer les utilisateurs et les certificats."
        )


def _describe(grant: Grant) -> str:
    where = ", ".join(e.uai for e in grant.establishments) or "tous les établissements"
    return f"{' et '.join(grant.roles)} ; {where}"


def _uais(grant: Grant) -> str:
    return ",".join(e.uai for e in grant.establishments) or "tous"
