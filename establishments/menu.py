"""Menu entries are declared by the app that owns the page (``menu_entries`` on its AppConfig).

So a menu never shows a feature before the app that provides it exists. An entry may name a ``section``
(a heading such as « Administration »); entries without one come first, then each section in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.urls import reverse

if TYPE_CHECKING:  # apps.py files import MenuEntry while models cannot be loaded yet
    from establishments.models import Establishment, Membership


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()  # empty: every member of the establishment
    description: str = ""
    section: str = ""


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str
    description: str
    section: str = ""


@dataclass(frozen=True)
class MenuSection:
    heading: str  # empty for the entries without a section
    links: list[MenuLink]


def menu_links(*, establishment: Establishment, membership: Membership) -> list[MenuLink]:
    links = []
    for config in apps.get_app_configs():
        for entry in getattr(config, "menu_entries", ()):
            if entry.roles and not membership.has_role(*entry.roles):
                continue
            url = reverse(entry.url_name, kwargs={"uai": establishment.uai})
            links.append(MenuLink(label=entry.label, url=url, description=entry.description, section=entry.section))
    return links


def menu_sections(links: list[MenuLink]) -> list[MenuSection]:
    headings = list(dict.fromkeys(["", *(link.section for link in links)]))
    sections = [MenuSection(heading, [link for link in links if link.section == heading]) for heading in headings]
    return [section for section in sections if section.links]
