"""Reads for the refresh pages and panels (the establishment is always given explicitly)."""

from __future__ import annotations

from django.db.models import QuerySet

from establishments.models import Establishment
from refresh.models import RefreshRun, RefreshSchedule

RECENT_RUNS = 10


def refresh_runs(*, establishment: Establishment, limit: int = RECENT_RUNS) -> QuerySet[RefreshRun]:
    return RefreshRun.objects.filter(establishment=establishment).select_related("job")[:limit]


def refresh_problem(*, establishment: Establishment) -> RefreshSchedule | None:
    """The schedule when a problem is being reported for it (the home page shows it until it is solved)."""
    return RefreshSchedule.objects.filter(establishment=establishment).exclude(problem_kind="").first()
