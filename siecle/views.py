"""Read-only pages of the imported students and structures. Any member of the establishment may read."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from establishments.middleware import EstablishmentRequest
from establishments.school_years import requested_school_year, school_year_label, selectable_school_years
from siecle import selectors

PAGE_SIZE = 50


def _uuid_or_none(raw: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


def _year_context(request: EstablishmentRequest) -> dict[str, Any]:
    year = requested_school_year(request)
    return {
        "year": year,
        "year_label": school_year_label(year),
        "years": selectable_school_years(),
        "establishment": request.establishment,
    }


@require_GET
def student_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    context = _year_context(request)
    filters = selectors.StudentFilters(
        search=request.GET.get("q", "").strip(),
        division_id=_uuid_or_none(request.GET.get("division")),
        group_id=_uuid_or_none(request.GET.get("groupe")),
        status=request.GET.get("statut", "presents"),
    )
    students = selectors.student_list(establishment=request.establishment, school_year=context["year"], filters=filters)
    page = Paginator(students, PAGE_SIZE).get_page(request.GET.get("page"))
    choices = selectors.student_division_choices(establishment=request.establishment, school_year=context["year"])
    query = request.GET.copy()
    query.pop("page", None)
    context.update(page=page, filters=filters, query=query.urlencode(), **choices)
    return render(request, "siecle/student_list.html", context)


@require_GET
def student_detail(request: EstablishmentRequest, uai: str, student_id: uuid.UUID) -> HttpResponse:
    student = selectors.student_get(establishment=request.establishment, student_id=student_id)
    context = {
        "student": student,
        "year_label": school_year_label(student.school_year),
        **selectors.student_page_data(student=student),
    }
    return render(request, "siecle/student_detail.html", context)


@require_GET
def structure_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    context = _year_context(request)
    context.update(selectors.structure_list(establishment=request.establishment, school_year=context["year"]))
    return render(request, "siecle/structure_list.html", context)


@require_GET
def structure_detail(request: EstablishmentRequest, uai: str, structure_id: uuid.UUID) -> HttpResponse:
    structure = selectors.structure_get(establishment=request.establishment, structure_id=structure_id)
    context = {
        "structure": structure,
        "members": selectors.structure_members(structure=structure),
        "year_label": school_year_label(structure.school_year),
    }
    return render(request, "siecle/structure_detail.html", context)
