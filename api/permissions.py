"""Establishment paths (``/api/v1/establishments/{uai}/…``) are guarded exactly like the pages:
membership resolved by ``establishments.selectors`` (404 to non-members, the answer to an unknown UAI),
then the view's ``required_roles`` (403)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from establishments.models import Establishment, Membership
from establishments.selectors import establishment_access_for_user

if TYPE_CHECKING:
    from rest_framework.views import APIView

ROLE_REFUSED = "Votre rôle ne permet pas cette action."


@dataclass(frozen=True)
class EstablishmentAccess:
    establishment: Establishment
    membership: Membership
    visible: list[Establishment]  # the organisation's establishments this member may open


def establishment_access(request: Request) -> EstablishmentAccess:
    """The access resolved by ``IsEstablishmentMember`` for this request."""
    access: EstablishmentAccess = request.establishment_access  # type: ignore[attr-defined] # set below
    return access


class IsEstablishmentMember(BasePermission):
    """Resolves ``{uai}`` against the user's memberships; raises Http404 for anyone else."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        establishment, membership, visible = establishment_access_for_user(request.user, view.kwargs["uai"])
        request.establishment_access = EstablishmentAccess(establishment, membership, visible)  # type: ignore[attr-defined]
        return True


class HasEstablishmentRole(BasePermission):
    """403 unless the member holds one of the view's ``required_roles`` (none: every member)."""

    message = ROLE_REFUSED
    code = "role_required"

    def has_permission(self, request: Request, view: APIView) -> bool:
        roles: tuple[str, ...] = getattr(view, "required_roles", ())
        return not roles or establishment_access(request).membership.has_role(*roles)
