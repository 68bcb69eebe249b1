"""School years are integers: 2026 means 2026-2027. The current one rolls over on a configured day."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone

YEARS_BACK = 5
YEARS_AHEAD = 1


def _rollover(year: int) -> datetime.date:
    month, day = (int(part) for part in settings.SCHOOL_YEAR_ROLLOVER.split("-"))
    return datetime.date(year, month, day)


def school_year_start(year: int) -> datetime.date:
    """The day school year ``year`` starts (the configured rollover day); it ends the day before ``year + 1``'s."""
    return _rollover(year)


def current_school_year(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return today.year if today >= _rollover(today.year) else today.year - 1


def school_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


def selectable_school_years(today: datetime.date | None = None) -> list[int]:
    current = current_school_year(today)
    return list(range(current + YEARS_AHEAD, current - YEARS_BACK - 1, -1))


def requested_school_year(request: HttpRequest) -> int:
    """The year named by ``?annee=``, or the current one; 404 for a year outside the offered range."""
    raw = request.GET.get("annee")
    if not raw:
        return current_school_year()
    try:
        year = int(raw)
    except ValueError:
        raise Http404("Année scolaire inconnue.") from None
    if year not in selectable_school_years():
        raise Http404("Année scolaire inconnue.")
    return year
