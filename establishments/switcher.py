"""The header dropdown: the same page under each of the user's other establishments."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from establishments.models import Establishment

# URL kwargs that still make sense under another establishment; any other kwarg names an object of
# the current establishment, so the switch lands on the other establishment's home page instead.
PORTABLE_KWARGS = {"uai", "year"}
PORTABLE_QUERY = ("annee",)


@dataclass(frozen=True)
class SwitcherOption:
    establishment: Establishment
    url: str
    selected: bool


def same_page_url(request: HttpRequest, target: Establishment) -> str:
    home = reverse("establishments:home", kwargs={"uai": target.uai})
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return home
    if not set(match.kwargs) <= PORTABLE_KWARGS:
        return home
    try:
        url = reverse(match.view_name, kwargs={**match.kwargs, "uai": target.uai})
    except NoReverseMatch:
        return home
    query = {key: request.GET[key] for key in PORTABLE_QUERY if key in request.GET}
    return f"{url}?{urlencode(query)}" if query else url


def switcher_options(request: HttpRequest, establishments: list[Establishment]) -> list[SwitcherOption]:
    current = getattr(request, "establishment", None)
    return [
        SwitcherOption(
            establishment=est, url=same_page_url(request, est), selected=current is not None and est.pk == current.pk
        )
        for est in establishments
    ]
