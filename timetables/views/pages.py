"""Read pages: the « Emploi du temps » hub, weekly grids, lists, services, conflicts. Any member reads."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from siecle.models import Division, Group
from timetables import selectors
from timetables.conflicts import conflicts_by_course
from timetables.grid import build_grid
from timetables.models import Room, Teacher
from timetables.views.common import page_context, scope


@require_GET
def index(request: HttpRequest, uai: str) -> HttpResponse:
    where = scope(request)
    context = page_context(
        request,
        divisions=selectors.divisions(**where),
        groups=selectors.groups(**where),
        teachers=selectors.teachers(**where),
        rooms=selectors.rooms(**where),
        conflict_count=len(selectors.conflicts(**where)),
        calendar=selectors.calendar_get(**where),
    )
    return render(request, "timetables/index.html", context)


def _grid(request: HttpRequest, title: str, kind: str, **which: object) -> HttpResponse:
    where = scope(request)
    courses = selectors.courses_for(**where, **which)
    ids = {course.pk for course in courses}
    conflicts = [c for c in selectors.conflicts(**where) if ids.intersection(c.course_ids)]
    grid = build_grid(courses, conflicts_by_course(conflicts))
    template = "timetables/grid_print.html" if request.GET.get("impression") else "timetables/grid.html"
    context = page_context(request, grid=grid, title=title, kind=kind, conflicts=conflicts, course_count=len(courses))
    return render(request, template, context)


@require_GET
def division_grid(request: HttpRequest, uai: str, division_id: uuid.UUID) -> HttpResponse:
    division = selectors.object_get(Division, establishment=request.establishment, pk=division_id)
    return _grid(request, f"Division {division}", "division", division=division)


@require_GET
def group_grid(request: HttpRequest, uai: str, group_id: uuid.UUID) -> HttpResponse:
    group = selectors.object_get(Group, establishment=request.establishment, pk=group_id)
    return _grid(request, f"Groupe {group}", "groupe", groups=group)


@require_GET
def teacher_grid(request: HttpRequest, uai: str, teacher_id: uuid.UUID) -> HttpResponse:
    teacher = selectors.object_get(Teacher, establishment=request.establishment, pk=teacher_id)
    return _grid(request, f"Enseignant {teacher}", "enseignant", teachers=teacher)


@require_GET
def room_grid(request: HttpRequest, uai: str, room_id: uuid.UUID) -> HttpResponse:
    room = selectors.object_get(Room, establishment=request.establishment, pk=room_id)
    return _grid(request, f"Salle {room}", "salle", room=room)


@require_GET
def teacher_list(request: HttpRequest, uai: str) -> HttpResponse:
    context = page_context(request, teachers=selectors.teachers(**scope(request)))
    return render(request, "timetables/teacher_list.html", context)


@require_GET
def room_list(request: HttpRequest, uai: str) -> HttpResponse:
    context = page_context(request, rooms=selectors.rooms(**scope(request)))
    return render(request, "timetables/room_list.html", context)


@require_GET
def subject_list(request: HttpRequest, uai: str) -> HttpResponse:
    context = page_context(request, subjects=selectors.subjects(**scope(request)))
    return render(request, "timetables/subject_list.html", context)


@require_GET
def week_pattern_list(request: HttpRequest, uai: str) -> HttpResponse:
    where = scope(request)
    context = page_context(request, patterns=selectors.week_patterns(**where), calendar=selectors.calendar_get(**where))
    return render(request, "timetables/week_pattern_list.html", context)


@require_GET
def service_list(request: HttpRequest, uai: str) -> HttpResponse:
    context = page_context(request, rows=selectors.service_rows(**scope(request)))
    return render(request, "timetables/service_list.html", context)


@require_GET
def conflict_list(request: HttpRequest, uai: str) -> HttpResponse:
    context = page_context(request, conflicts=selectors.conflicts(**scope(request)))
    return render(request, "timetables/conflict_list.html", context)
