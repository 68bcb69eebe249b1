"""What every timetable view shares: the school year, write permission, the page context."""

from __future__ import annotations

from typing import Any

from establishments.middleware import EstablishmentRequest
from establishments.models import Role
from establishments.school_years import requested_school_year, school_year_label, selectable_school_years

WRITERS = (Role.CONCEPTEUR, Role.ADMINISTRATEUR)


def can_write(request: EstablishmentRequest) -> bool:
    return bool(request.membership and request.membership.has_role(*WRITERS))


def page_context(request: EstablishmentRequest, **extra: Any) -> dict[str, Any]:
    year = requested_school_year(request)
    return {
        "establishment": request.establishment,
        "year": year,
        "year_label": school_year_label(year),
        "years": selectable_school_years(),
        "can_write": can_write(request),
        **extra,
    }


def scope(request: EstablishmentRequest) -> dict[str, Any]:
    return {"establishment": request.establishment, "school_year": requested_school_year(request)}
