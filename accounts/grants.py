"""What an administrateur may grant, and to whom: a grant (roles + establishments) and the checks over
memberships. No writes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from establishments.models import Establishment, Membership


class MemberError(Exception):
    """A refused change, with a French message for the administrateur."""


@dataclass(frozen=True)
class Grant:
    """What a member may do: roles and establishments (empty: every establishment of the organisation)."""

    is_administrateur: bool
    is_concepteur: bool
    establishments: tuple[Establishment, ...] = ()

    @property
    def roles(self) -> list[str]:
        return [r for r, on in (("administrateur", self.is_administrateur), ("concepteur", self.is_concepteur)) if on]


def limited_to(membership: Membership) -> set[int]:
    """The establishment ids the member is limited to; empty: the whole organisation."""
    return {e.pk for e in membership.establishments.all()}


def can_manage(actor: Membership, target: Membership) -> bool:
    """An administrateur limited to some establishments manages only members limited within them."""
    if not actor.is_administrateur or actor.organisation_id != target.organisation_id:
        return False
    mine = limited_to(actor)
    return not mine or (bool(limited_to(target)) and limited_to(target) <= mine)


def grantable_check(actor: Membership, grant: Grant | None, *, target: Membership | None = None) -> None:
    """PermissionDenied (403) when ``actor`` may not give ``grant`` (or manage ``target``)."""
    if target is not None and not can_manage(actor, target):
        raise PermissionDenied("Ce membre a accès à des établissements que vous ne gérez pas.")
    if grant is None:
        return
    if not grant.roles:
        raise MemberError("Choisissez au moins un rôle : administrateur ou concepteur.")
    if any(e.organisation_id != actor.organisation_id for e in grant.establishments):
        raise PermissionDenied("Établissement d'une autre organisation.")
    mine = limited_to(actor)
    if mine and not grant.establishments:
        raise MemberError("Choisissez les établissements auxquels ce membre aura accès.")
    if mine and any(e.pk not in mine for e in grant.establishments):
        raise PermissionDenied("Vous ne pouvez donner accès qu'aux établissements que vous gérez.")
