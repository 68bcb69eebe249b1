"""The « Emploi du temps » hub, weekly grids, lists, services, conflicts (any member reads); adding a room."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest
from siecle.models import Division, Group
from timetables import selectors, services
from timetables.conflict_cache import establishment_conflicts
from timetables.conflicts import conflicts_by_course
from timetables.forms import RoomForm
from timetables.grid import build_grid
from timetables.models import Room, Teacher
from timetables.views.common import WRITERS, page_context, scope


@require_GET
def index(request: EstablishmentRequest, uai: str) -> HttpResponse:
    where = scope(request)
    context = page_context(
        request,
        divisions=selectors.divisions(**where),
        groups=selectors.groups(**where),
        teachers=selectors.teachers(**where),
        rooms=selectors.rooms(**where),
        conflict_count=len(establishment_conflicts(**where)),
        calendar=selectors.calendar_get(**where),
    )
    return render(request, "timetables/index.html", context)


def _grid(request: EstablishmentRequest, uai: str, title: str, kind: str, **which: Any) -> HttpResponse:
    where = scope(request)
    courses = selectors.courses_for(**where, **which)
    ids = {course.pk for course in courses}
    conflicts = [c for c in establishment_conflicts(**where) if ids.intersection(c.course_ids)]
    grid = build_grid(courses, conflicts_by_course(conflicts))
    template = "timetables/grid_print.html" if request.GET.get("impression") else "timetables/grid.html"
    context = page_context(request, grid=grid, title=title, kind=kind, conflicts=conflicts, course_count=len(courses))
    # Built once for every block's links (reverse() and urlencode per block cost more than the grid itself).
    context["course_base"] = reverse("timetables:index", kwargs={"uai": uai}) + "cours/"
    context["back_query"] = urlencode({"annee": context["year"], "next": request.get_full_path()})
    return render(request, template, context)


@require_GET
def division_grid(request: EstablishmentRequest, uai: str, division_id: uuid.UUID) -> HttpResponse:
    division = selectors.object_get(Division, establishment=request.establishment, pk=division_id)
    return _grid(request, uai, f"Division {division}", "division", division=division)


@require_GET
def group_grid(request: EstablishmentRequest, uai: str, group_id: uuid.UUID) -> HttpResponse:
    group = selectors.object_get(Group, establishment=request.establishment, pk=group_id)
    return _grid(request, uai, f"Groupe {group}", "groupe", group=group)


@require_GET
def teacher_grid(request: EstablishmentRequest, uai: str, teacher_id: uuid.UUID) -> HttpResponse:
    teacher = selectors.object_get(Teacher, establishment=request.establishment, pk=teacher_id)
    return _grid(request, uai, f"Enseignant {teacher}", "enseignant", teacher=teacher)


@require_GET
def room_grid(request: EstablishmentRequest, uai: str, room_id: uuid.UUID) -> HttpResponse:
    room = selectors.object_get(Room, establishment=request.establishment, pk=room_id)
    return _grid(request, uai, f"Salle {room}", "salle", room=room)


@require_GET
def teacher_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    context = page_context(request, teachers=selectors.teachers(**scope(request)))
    return render(request, "timetables/teacher_list.html", context)


@require_GET
def room_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    context = page_context(request, rooms=selectors.rooms(**scope(request)), form=RoomForm())
    return render(request, "timetables/room_list.html", context)


@require_POST
@role_required(*WRITERS)
def room_create(request: EstablishmentRequest, uai: str) -> HttpResponse:
    where = scope(request)
    form = RoomForm(request.POST)
    if form.is_valid() and selectors.rooms(**where).filter(code=form.cleaned_data["code"].strip()).exists():
        form.add_error("code", "Une salle porte déjà ce code.")
    if not form.is_valid():
        context = page_context(request, rooms=selectors.rooms(**where), form=form)
        return render(request, "timetables/room_list.html", context, status=400)
    services.room_create(**where, **form.cleaned_data)
    messages.success(request, "Salle ajoutée.")
    return redirect(reverse("timetables:rooms", kwargs={"uai": uai}) + f"?annee={where['school_year']}")


@require_GET
def subject_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    context = page_context(request, subjects=selectors.subjects(**scope(request)))
    return render(request, "timetables/subject_list.html", context)


@require_GET
def week_pattern_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    where = scope(request)
    context = page_context(request, patterns=selectors.week_patterns(**where), calendar=selectors.calendar_get(**where))
    return render(request, "timetables/week_pattern_list.html", context)


@require_GET
def service_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    context = page_context(request, rows=selectors.service_rows(**scope(request)))
    return render(request, "timetables/service_list.html", context)


@require_GET
def conflict_list(request: EstablishmentRequest, uai: str) -> HttpResponse:
    context = page_context(request, conflicts=establishment_conflicts(**scope(request)))
    return render(request, "timetables/conflict_list.html", context)
