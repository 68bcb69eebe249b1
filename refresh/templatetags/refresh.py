"""The panel « Importer des données » includes: the schedule and the last runs with their outcome."""

from __future__ import annotations

from typing import Any

from django import template

from establishments.models import Establishment
from refresh import selectors
from refresh.selectors import refresh_schedule_get

register = template.Library()


@register.inclusion_tag("refresh/_import_panel.html")
def refresh_import_panel(establishment: Establishment) -> dict[str, Any]:
    return {
        "establishment": establishment,
        "schedule": refresh_schedule_get(establishment=establishment),
        "runs": selectors.refresh_runs(establishment=establishment, limit=5),
    }
