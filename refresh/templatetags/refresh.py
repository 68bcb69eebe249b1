"""Panels other apps' pages include: the schedule and last runs on « Importer des données », a reported
problem on the establishment's home page."""

from __future__ import annotations

from typing import Any

from django import template

from establishments.models import Establishment
from refresh import selectors
from refresh.services import refresh_schedule_get

register = template.Library()


@register.inclusion_tag("refresh/_import_panel.html")
def refresh_import_panel(establishment: Establishment) -> dict[str, Any]:
    return {
        "establishment": establishment,
        "schedule": refresh_schedule_get(establishment=establishment),
        "runs": selectors.refresh_runs(establishment=establishment, limit=5),
    }


@register.inclusion_tag("refresh/_problem.html")
def refresh_problem_banner(establishment: Establishment) -> dict[str, Any]:
    return {"establishment": establishment, "schedule": selectors.refresh_problem(establishment=establishment)}
