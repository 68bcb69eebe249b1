"""Schedules and runs of the refresh: save a schedule, start the due ones (beat), start one (command),
record how a run ended.

The refresh starts its job through ``jobs.imports.import_job_start``, like « Importer des données »;
what happens once the exports are fetched is ``refresh.runner``'s.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from establishments.models import Establishment
from establishments.school_years import current_school_year
from jobs.imports import SOURCE_NETSYNCHRO, ImportRequest, import_job_start
from jobs.services import JobRefused
from refresh import outcomes
from refresh.models import RefreshRun, RefreshSchedule
from refresh.selectors import refresh_schedule_get
from refresh.timing import NightWindow, Slot, next_run
from siecle.importing import ImportOptions

logger = logging.getLogger(__name__)

TRIGGER = "refresh"
SCHEDULE_FIELDS = ("frequency", "weekday", "hour", "with_nomenclatures", "keep_existing", "groups", "policy")


def night_window() -> NightWindow:
    return NightWindow(start_hour=settings.REFRESH_WINDOW_START_HOUR, hours=settings.REFRESH_WINDOW_HOURS)


def schedule_next_run(schedule: RefreshSchedule, *, now: dt.datetime) -> dt.datetime | None:
    if not schedule.enabled:
        return None
    slot = Slot(frequency=schedule.frequency, weekday=schedule.weekday, hour=schedule.hour)
    tz = ZoneInfo(settings.TIME_ZONE)
    return next_run(slot=slot, uai=schedule.establishment.uai, window=night_window(), now=now, tz=tz)


def refresh_schedule_update(
    *, establishment: Establishment, values: dict[str, Any], now: dt.datetime | None = None
) -> RefreshSchedule:
    """Save the « Mise à jour automatique » choices; the next run is computed again from them."""
    schedule = refresh_schedule_get(establishment=establishment)
    for name in SCHEDULE_FIELDS:
        setattr(schedule, name, values[name])
    schedule.next_run_at = schedule_next_run(schedule, now=now or timezone.now())
    with scopes_disabled():
        schedule.save()
    return schedule


def _import_request(schedule: RefreshSchedule) -> ImportRequest:
    options = ImportOptions(
        with_nomenclatures=schedule.with_nomenclatures, keep_existing=schedule.keep_existing, groups=schedule.groups
    )
    # The runner decides between writing and holding a preview (policy, departures guard).
    return ImportRequest(source=SOURCE_NETSYNCHRO, options=options, preview=False, trigger=TRIGGER)


def refresh_start(*, establishment: Establishment, school_year: int | None = None) -> RefreshRun:
    """Start one refresh now, with the establishment's schedule (or the defaults). Raises JobRefused."""
    schedule = refresh_schedule_get(establishment=establishment)
    with transaction.atomic(), scopes_disabled():
        job = import_job_start(
            establishment=establishment,
            school_year=school_year or current_school_year(),
            request=_import_request(schedule),
            requested_by=None,
        )
        return RefreshRun.objects.create(establishment=establishment, job=job)


def _claim(schedule: RefreshSchedule, now: dt.datetime) -> bool:
    """Move the due run to the next one; only the caller that moved it starts the job."""
    following = schedule_next_run(schedule, now=now)
    with scopes_disabled():
        return bool(
            RefreshSchedule.objects.filter(pk=schedule.pk, next_run_at=schedule.next_run_at).update(
                next_run_at=following
            )
        )


def refresh_launch(*, establishment: Establishment, school_year: int | None = None) -> RefreshRun:
    """What beat does for a due schedule (and the command): start a refresh, or record why it could not
    start (an import already active: skipped; no usable certificate: a problem, reported once)."""
    school_year = school_year or current_school_year()
    try:
        return refresh_start(establishment=establishment, school_year=school_year)
    except JobRefused as refused:
        return outcomes.refresh_refused(establishment=establishment, school_year=school_year, message=refused.message)


def refresh_schedules_run_due(*, now: dt.datetime | None = None, limit: int = 2000) -> list[RefreshRun]:
    """Beat, every few minutes: start one job per schedule whose time has come (a missed night runs once)."""
    now = now or timezone.now()
    with scopes_disabled():
        due = list(
            RefreshSchedule.objects.filter(next_run_at__lte=now)
            .exclude(frequency="off")
            .select_related("establishment")
            .order_by("next_run_at")[:limit]
        )
    return [refresh_launch(establishment=schedule.establishment) for schedule in due if _claim(schedule, now)]
