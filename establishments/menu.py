"""Menu entries are declared by the app that owns the page (``menu_entries`` on its AppConfig).

So a menu never shows a feature before the app that provides it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import import_string

if TYPE_CHECKING:  # apps.py files import MenuEntry while models cannot be loaded yet
    from establishments.middleware import EstablishmentRequest
    from establishments.models import Establishment, Membership


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()  # empty: every member of the establishment
    description: str = ""
    section: str = ""  # a heading such as « Administration »; empty: the main list
    # Shown instead of ``description`` to a member who holds none of ``manager_roles`` (texts match the role).
    manager_roles: tuple[str, ...] = ()
    reader_description: str = ""


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str
    description: str
    section: str = ""


def menu_links(*, establishment: Establishment, membership: Membership) -> list[MenuLink]:
    links = []
    for config in apps.get_app_configs():
        for entry in getattr(config, "menu_entries", ()):
            if entry.roles and not membership.has_role(*entry.roles):
                continue
            url = reverse(entry.url_name, kwargs={"uai": establishment.uai})
            links.append(
                MenuLink(label=entry.label, url=url, description=_description(entry, membership), section=entry.section)
            )
    return links


def _description(entry: MenuEntry, membership: Membership) -> str:
    if entry.manager_roles and entry.reader_description and not membership.has_role(*entry.manager_roles):
        return entry.reader_description
    return entry.description


def home_todo(request: EstablishmentRequest) -> list[str]:
    """What needs doing in this establishment, from each app's ``todo_provider`` (French sentences)."""
    todo: list[str] = []
    for config in apps.get_app_configs():
        provider = getattr(config, "todo_provider", None)
        if provider:
            todo.extend(import_string(provider)(request))
    return todo
