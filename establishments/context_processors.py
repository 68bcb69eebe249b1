from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import import_string

from establishments.menu import menu_links
from establishments.school_years import current_school_year, school_year_label
from establishments.selectors import establishments_for_user
from establishments.switcher import switcher_options

if TYPE_CHECKING:
    from establishments.middleware import EstablishmentRequest


def _banners(request: HttpRequest) -> list[dict]:
    banners: list[dict] = []
    for config in apps.get_app_configs():
        provider = getattr(config, "banner_provider", None)
        if provider:
            banners.extend(import_string(provider)(request))
    return banners


def establishment_switcher(request: HttpRequest) -> dict:
    establishment = getattr(request, "establishment", None)
    if establishment is None:
        return {}
    options = switcher_options(request, establishments_for_user(request.user))
    year = current_school_year()
    return {
        "current_establishment": establishment,
        "switcher_options": options if len(options) > 1 else [],
        "menu_links": menu_links(
            establishment=establishment, membership=cast("EstablishmentRequest", request).membership
        ),
        "current_school_year": year,
        "current_school_year_label": school_year_label(year),
        "banners": _banners(request),
    }
