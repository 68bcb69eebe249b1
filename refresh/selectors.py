"""Reads for the refresh pages and panels (the establishment is always given explicitly)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import formats
from django_scopes import scopes_disabled

from establishments.middleware import EstablishmentRequest
from establishments.models import Establishment
from refresh.models import RefreshRun, RefreshSchedule

RECENT_RUNS = 10


def refresh_schedule_get(*, establishment: Establishment) -> RefreshSchedule:
    """The establishment's schedule; an unsaved one with the defaults (off) when none was set."""
    with scopes_disabled():
        found = RefreshSchedule.objects.filter(establishment=establishment).first()
    return found or RefreshSchedule(establishment=establishment)


def refresh_runs(*, establishment: Establishment, limit: int = RECENT_RUNS) -> QuerySet[RefreshRun]:
    return RefreshRun.objects.filter(establishment=establishment).select_related("job")[:limit]


def refresh_problem(*, establishment: Establishment) -> RefreshSchedule | None:
    """The schedule when a problem is being reported for it (the home page shows it until it is solved)."""
    return RefreshSchedule.objects.filter(establishment=establishment).exclude(problem_kind="").first()


def refresh_todo(request: EstablishmentRequest) -> list[str]:
    """The establishment's home shows a refresh problem until a run succeeds (it is mailed only once)."""
    schedule = refresh_problem(establishment=request.establishment)
    if schedule is None:
        return []
    since = formats.date_format(schedule.problem_since, "d/m/Y") if schedule.problem_since else ""
    return [f"Mise à jour automatique impossible depuis le {since} : {schedule.problem}"]
