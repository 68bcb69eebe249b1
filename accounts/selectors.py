"""Reads of an organisation's members and invitations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.grants import can_manage
from accounts.models import Invitation
from accounts.totp import totp_enabled
from establishments.models import Membership, Organisation


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    establishments_label: str
    totp: bool
    manageable: bool


def organisation_members(*, actor: Membership) -> list[MemberRow]:
    memberships = (
        Membership.objects.filter(organisation=actor.organisation_id)
        .select_related("user")
        .prefetch_related("establishments")
        .order_by("-is_active", "user__username")
    )
    return [
        MemberRow(
            membership=m,
            establishments_label=", ".join(e.uai for e in m.establishments.all()) or "tous",
            totp=totp_enabled(m.user),
            manageable=can_manage(actor, m),
        )
        for m in memberships
    ]


def pending_invitations_queryset(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now())


def pending_invitations(*, organisation: Organisation) -> list[Invitation]:
    return list(pending_invitations_queryset(organisation).prefetch_related("establishments"))


def member_of(*, organisation: Organisation, member_id: int) -> Membership:
    """A member of ``organisation``; 404 for anyone else's, as for an id that does not exist."""
    found = (
        Membership.objects.filter(organisation=organisation, pk=member_id)
        .select_related("user", "organisation")
        .first()
    )
    if found is None:
        raise Http404("Membre inconnu.")
    return found


def invitation_of(*, organisation: Organisation, invitation_id: int) -> Invitation:
    """A pending invitation of ``organisation``; 404 otherwise."""
    found = pending_invitations_queryset(organisation).filter(pk=invitation_id).first()
    if found is None:
        raise Http404("Invitation inconnue.")
    return found
