from __future__ import annotations

import datetime

from establishments.school_years import current_school_year, school_year_label


def test_it_starts_the_year_on_the_rollover_day(settings):
    settings.SCHOOL_YEAR_ROLLOVER = "08-01"
    assert current_school_year(datetime.date(2026, 7, 31)) == 2025
    assert current_school_year(datetime.date(2026, 8, 1)) == 2026


def test_it_follows_a_configured_rollover(settings):
    settings.SCHOOL_YEAR_ROLLOVER = "09-15"
    assert current_school_year(datetime.date(2026, 9, 1)) == 2025


def test_it_labels_a_year_with_both_calendar_years():
    assert school_year_label(2026) == "2026-2027"
