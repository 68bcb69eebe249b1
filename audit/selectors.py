"""Reads of the journal: the filtered list of the page and the rows of the CSV download."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEvent
from establishments.models import Establishment, Organisation

CSV_HEADER = ["date", "type", "code", "UAI", "établissement", "auteur", "résumé", "détails"]


@dataclass(frozen=True)
class JournalFilter:
    establishment: Establishment | None = None
    kind: str = ""
    start: date | None = None
    end: date | None = None


def audit_events(
    *, organisation: Organisation, visible: Iterable[Establishment], where: JournalFilter = JournalFilter()
) -> QuerySet[AuditEvent]:
    """The organisation's events a member may see: those of the establishments they open, and the
    organisation-wide ones (no establishment)."""
    events = AuditEvent.objects.filter(organisation=organisation).filter(
        Q(establishment__isnull=True) | Q(establishment__in=list(visible))
    )
    if where.establishment is not None:
        events = events.filter(establishment=where.establishment)
    if where.kind:
        events = events.filter(kind=where.kind)
    if where.start:
        events = events.filter(at__gte=_day_start(where.start))
    if where.end:
        events = events.filter(at__lt=_day_start(where.end) + timedelta(days=1))
    return events.select_related("establishment")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_csv_lines(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """The CSV, line by line (streamed: a journal may be long). Semicolons, as French spreadsheets expect."""
    yield "\ufeff" + _line(CSV_HEADER)
    for event in events.iterator(chunk_size=500):
        yield _line(
            [
                timezone.localtime(event.at).strftime("%d/%m/%Y %H:%M:%S"),
                event.get_kind_display(),
                event.kind,
                event.uai,
                event.establishment.name if event.establishment else "",
                event.actor_label,
                event.summary,
                _details(event.details),
            ]
        )


def _details(details: dict) -> str:
    return " ; ".join(f"{key}={value}" for key, value in sorted(details.items()))


def _line(values: list[str]) -> str:
    buffer = io.StringIO()
    # Cells starting with = + - @ are neutralised: a journal opened in a spreadsheet runs no formula.
    csv.writer(buffer, delimiter=";").writerow([_safe(value) for value in values])
    return buffer.getvalue()


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
