"""The school calendar page: dates, zone, holidays and opening hours (members read; writers change)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest
from timetables import calendar as services
from timetables import selectors
from timetables.forms import CalendarForm, HolidayForm, OpeningHoursForm
from timetables.models import Holiday
from timetables.views.common import WRITERS, page_context, scope


def _page_url(uai: str, year: int) -> str:
    return reverse("timetables:calendar", kwargs={"uai": uai}) + f"?annee={year}"


def _hours_initial(request: EstablishmentRequest) -> dict[str, object]:
    initial: dict[str, object] = {}
    for row in selectors.opening_hours(**scope(request)):
        initial[f"opens_{row.weekday}"], initial[f"closes_{row.weekday}"] = row.opens_at, row.closes_at
    return initial


def _render(request: EstablishmentRequest, **forms: object) -> HttpResponse:
    where = scope(request)
    calendar = selectors.calendar_get(**where)
    defaults = {
        "calendar_form": CalendarForm(initial=_calendar_initial(calendar)),
        "holiday_form": HolidayForm(),
        "hours_form": OpeningHoursForm(initial=_hours_initial(request)),
    }
    context = page_context(request, calendar=calendar, **{**defaults, **forms})
    return render(request, "timetables/calendar.html", context, status=400 if forms else 200)


def _calendar_initial(calendar: object) -> dict[str, object]:
    if calendar is None:
        return {}
    return {"zone": calendar.zone, "first_day": calendar.first_day, "last_day": calendar.last_day}  # type: ignore[attr-defined]


@require_GET
def calendar_page(request: EstablishmentRequest, uai: str) -> HttpResponse:
    return _render(request)


@require_POST
@role_required(*WRITERS)
def calendar_edit(request: EstablishmentRequest, uai: str) -> HttpResponse:
    where = scope(request)
    form = CalendarForm(request.POST)
    if not form.is_valid():
        return _render(request, calendar_form=form)
    calendar = services.calendar_ensure(**where)
    services.calendar_update(calendar=calendar, **form.cleaned_data)
    messages.success(request, "Calendrier enregistré ; les alternances prédéfinies sont recalculées.")
    return redirect(_page_url(uai, where["school_year"]))


@require_POST
@role_required(*WRITERS)
def holiday_add(request: EstablishmentRequest, uai: str) -> HttpResponse:
    where = scope(request)
    form = HolidayForm(request.POST)
    if not form.is_valid():
        return _render(request, holiday_form=form)
    services.holiday_add(calendar=services.calendar_ensure(**where), **form.cleaned_data)
    messages.success(request, "Vacances ajoutées.")
    return redirect(_page_url(uai, where["school_year"]))


@require_POST
@role_required(*WRITERS)
def holiday_delete(request: EstablishmentRequest, uai: str, holiday_id: uuid.UUID) -> HttpResponse:
    holiday = selectors.object_get(Holiday, establishment=request.establishment, pk=holiday_id)
    year = holiday.school_year  # type: ignore[attr-defined]
    services.holiday_delete(holiday=holiday)  # type: ignore[arg-type]
    messages.success(request, "Vacances supprimées.")
    return redirect(_page_url(uai, year))


@require_POST
@role_required(*WRITERS)
def opening_hours_edit(request: EstablishmentRequest, uai: str) -> HttpResponse:
    where = scope(request)
    form = OpeningHoursForm(request.POST)
    if not form.is_valid():
        return _render(request, hours_form=form)
    services.opening_hours_set(**where, days=form.days())
    messages.success(request, "Horaires d'ouverture enregistrés.")
    return redirect(_page_url(uai, where["school_year"]))
