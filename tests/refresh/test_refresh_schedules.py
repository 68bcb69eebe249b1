"""Schedules: spread over the night, claimed once when beat fires twice, changed without a restart."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled

from jobs.models import Job
from refresh.models import ANY_HOUR, Frequency, Outcome, RefreshRun, RefreshSchedule
from refresh.services import refresh_schedule_update, refresh_schedules_run_due
from refresh.timing import NightWindow, Slot, next_run

PARIS = ZoneInfo("Europe/Paris")
WINDOW = NightWindow(start_hour=1, hours=4)
EVENING = dt.datetime(2026, 12, 1, 20, 0, tzinfo=PARIS)  # a Tuesday
DAILY = {"frequency": Frequency.DAILY, "weekday": 0, "hour": ANY_HOUR, "with_nomenclatures": False,
         "keep_existing": False, "groups": False, "policy": "apply"}  # fmt: skip


def _jobs(establishment) -> int:
    with scopes_disabled():
        return Job.objects.filter(establishment=establishment).count()


def test_it_spreads_a_thousand_establishments_over_the_night_window():
    slot = Slot(frequency="daily", weekday=0, hour=ANY_HOUR)
    runs = [next_run(slot=slot, uai=f"{n:07d}A", window=WINDOW, now=EVENING, tz=PARIS) for n in range(1000)]
    per_quarter = Counter((run.hour, run.minute // 15) for run in runs)
    assert min(runs).hour >= 1 and max(runs).hour < 5
    assert max(per_quarter.values()) < 1000 / 16 * 1.5  # close to even: no quarter-hour gets a crowd


def test_an_establishment_always_runs_at_the_same_time():
    slot = Slot(frequency="daily", weekday=0, hour=ANY_HOUR)
    first = next_run(slot=slot, uai="0691234S", window=WINDOW, now=EVENING, tz=PARIS)
    second = next_run(slot=slot, uai="0691234S", window=WINDOW, now=first, tz=PARIS)
    assert second - first == dt.timedelta(days=1)


def test_a_chosen_hour_keeps_the_run_within_that_hour():
    run = next_run(slot=Slot("daily", 0, 3), uai="0691234S", window=WINDOW, now=EVENING, tz=PARIS)
    assert (run.date(), run.hour) == (dt.date(2026, 12, 2), 3)


def test_a_weekly_schedule_runs_on_its_day():
    run = next_run(slot=Slot("weekly", 6, ANY_HOUR), uai="0691234S", window=WINDOW, now=EVENING, tz=PARIS)
    assert run.date() == dt.date(2026, 12, 6)


@pytest.mark.django_db
def test_a_due_schedule_starts_exactly_one_job_when_beat_fires_twice(cite_college, certificate):
    schedule = refresh_schedule_update(establishment=cite_college, values=DAILY, now=EVENING)
    due = schedule.next_run_at + dt.timedelta(minutes=1)
    started = refresh_schedules_run_due(now=due) + refresh_schedules_run_due(now=due)
    assert (len(started), _jobs(cite_college)) == (1, 1)


@pytest.mark.django_db
def test_two_beats_holding_the_same_due_schedule_start_one_job(cite_college, certificate, monkeypatch):
    """The second beat read the schedule before the first moved it: its claim finds nothing to move."""
    schedule = refresh_schedule_update(establishment=cite_college, values=DAILY, now=EVENING)
    due = schedule.next_run_at + dt.timedelta(minutes=1)
    with scopes_disabled():
        stale = list(RefreshSchedule.objects.select_related("establishment"))
    refresh_schedules_run_due(now=due)
    from refresh import services

    assert services._claim(stale[0], due) is False
    assert _jobs(cite_college) == 1


@pytest.mark.django_db
def test_a_claimed_schedule_moves_to_the_next_night(cite_college, certificate):
    schedule = refresh_schedule_update(establishment=cite_college, values=DAILY, now=EVENING)
    refresh_schedules_run_due(now=schedule.next_run_at)
    schedule.refresh_from_db()
    assert schedule.next_run_at.astimezone(PARIS).date() == dt.date(2026, 12, 3)


@pytest.mark.django_db
def test_nothing_starts_before_the_time(cite_college, certificate):
    schedule = refresh_schedule_update(establishment=cite_college, values=DAILY, now=EVENING)
    assert refresh_schedules_run_due(now=schedule.next_run_at - dt.timedelta(seconds=1)) == []


@pytest.mark.django_db
def test_a_new_hour_takes_effect_at_the_next_tick(cite_college, certificate):
    """No restart: beat's single entry reads the schedules from the database at every tick."""
    old = refresh_schedule_update(establishment=cite_college, values={**DAILY, "hour": 4}, now=EVENING).next_run_at
    new = refresh_schedule_update(establishment=cite_college, values={**DAILY, "hour": 1}, now=EVENING).next_run_at
    assert new.hour == 1
    assert len(refresh_schedules_run_due(now=new)) == 1
    assert old > new


@pytest.mark.django_db
def test_switching_off_stops_the_runs(cite_college, certificate):
    schedule = refresh_schedule_update(establishment=cite_college, values=DAILY, now=EVENING)
    due = schedule.next_run_at
    refresh_schedule_update(establishment=cite_college, values={**DAILY, "frequency": Frequency.OFF}, now=EVENING)
    assert refresh_schedules_run_due(now=due) == []


@pytest.mark.django_db
def test_a_due_schedule_is_skipped_while_an_import_is_active(cite_college, certificate, admin_user):
    from tests.jobs.helpers import start_netsynchro_job

    start_netsynchro_job(cite_college, admin_user)
    schedule = refresh_schedule_update(establishment=cite_college, values=DAILY, now=EVENING)
    (run,) = refresh_schedules_run_due(now=schedule.next_run_at)
    assert (run.outcome, run.job) == (Outcome.SKIPPED, None)
    with scopes_disabled():
        assert RefreshRun.objects.count() == 1


def test_beat_has_one_entry_that_starts_the_due_refreshes(settings):
    from netsync_portal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["refresh-run-due"]
    assert entry["task"] == "refresh.run_due"
    assert entry["task"] in app.tasks


@pytest.mark.django_db
def test_the_beat_task_starts_the_due_schedules(cite_college, certificate):
    from refresh.tasks import run_due_refreshes

    schedule = refresh_schedule_update(establishment=cite_college, values=DAILY, now=EVENING - dt.timedelta(days=2))
    assert schedule.next_run_at < EVENING
    assert run_due_refreshes() == 1
