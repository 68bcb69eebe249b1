"""The establishment's conflicts, computed once per change of its timetable and shared by every page.

Detection reads the whole year's week (about 0.1 s for 1,500 courses); a grid page must answer in well under
that, so the result is cached under a revision number that every timetable write bumps (``timetable_changed``).
A short expiry bounds staleness from changes made elsewhere (a SIECLE import changing group memberships).
"""

from __future__ import annotations

from django.core.cache import cache

from establishments.models import Establishment
from timetables import selectors
from timetables.conflicts import Conflict

EXPIRY_SECONDS = 60


def _revision_key(establishment: Establishment, school_year: int) -> str:
    return f"timetables:revision:{establishment.pk}:{school_year}"


def timetable_changed(*, establishment: Establishment, school_year: int) -> None:
    """Called by every service that writes courses, services, patterns or the calendar."""
    key = _revision_key(establishment, school_year)
    try:
        cache.incr(key)
    except ValueError:  # not cached yet (or evicted): any new value starts a new revision
        cache.set(key, 1, None)


def establishment_conflicts(*, establishment: Establishment, school_year: int) -> list[Conflict]:
    revision = cache.get(_revision_key(establishment, school_year), 0)
    key = f"timetables:conflicts:{establishment.pk}:{school_year}:{revision}"
    found = cache.get(key)
    if found is None:
        found = selectors.conflicts(establishment=establishment, school_year=school_year)
        cache.set(key, found, EXPIRY_SECONDS)
    return found
