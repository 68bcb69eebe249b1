"""Reads of tenancy data. Every lookup of an establishment starts from the user's memberships."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from establishments.models import Establishment, Membership


def membership_establishments(membership: Membership) -> list[Establishment]:
    limited = list(membership.establishments.all())
    return limited or list(membership.organisation.establishments.all())


def user_memberships(user: User | AnonymousUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .prefetch_related("establishments__organisation", "organisation__establishments__organisation")
    )


def establishments_for_user(user: User | AnonymousUser) -> list[Establishment]:
    """Every establishment the user may open, across organisations, sorted for the switcher."""
    found = {est.pk: est for m in user_memberships(user) for est in membership_establishments(m)}
    return sorted(found.values(), key=lambda est: (est.organisation.name, est.name, est.uai))


def establishment_memberships_for_user(
    user: User | AnonymousUser,
) -> list[tuple[Establishment, Membership]]:
    """Every establishment the user may open with the membership that gives access, sorted like
    ``establishments_for_user`` (a user has one membership per organisation)."""
    found = [(est, m) for m in user_memberships(user) for est in membership_establishments(m)]
    return sorted(found, key=lambda pair: (pair[0].organisation.name, pair[0].name, pair[0].uai))


def establishment_access_for_user(
    user: User | AnonymousUser, uai: str
) -> tuple[Establishment, Membership, list[Establishment]]:
    """The establishment ``uai``, the membership giving access, and the organisation's establishments
    this member may see. Http404 when the user may not open it (same answer as a UAI that does not exist)."""
    for membership in user_memberships(user):
        visible = membership_establishments(membership)
        for establishment in visible:
            if establishment.uai == uai:
                return establishment, membership, visible
    raise Http404("Établissement inconnu.")
