"""Course writes (concepteurs and administrateurs): plain forms that work without JavaScript."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest
from timetables import selectors, services
from timetables.calendar import calendar_ensure
from timetables.forms import CourseForm, CourseMoveForm
from timetables.models import Course
from timetables.views.common import WRITERS, page_context, scope


def _back(request: EstablishmentRequest, uai: str) -> str:
    """Where the form came from (a grid), else the hub; only a local path is followed."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith(f"/e/{uai}/emploi-du-temps/"):
        return target
    return reverse("timetables:index", kwargs={"uai": uai})


def _course(request: EstablishmentRequest, course_id: uuid.UUID) -> Course:
    return selectors.object_get(Course, establishment=request.establishment, pk=course_id)  # type: ignore[return-value]


@role_required(*WRITERS)
def course_create(request: EstablishmentRequest, uai: str) -> HttpResponse:
    where = scope(request)
    calendar_ensure(**where)  # the week presets must exist to choose from
    form = CourseForm(request.POST or None, **where)
    if request.method == "POST" and form.is_valid():
        services.course_create(**where, data=form.cleaned_data)
        messages.success(request, "Cours créé.")
        return redirect(_back(request, uai))
    return render(request, "timetables/course_form.html", page_context(request, form=form, next=_back(request, uai)))


@role_required(*WRITERS)
def course_edit(request: EstablishmentRequest, uai: str, course_id: uuid.UUID) -> HttpResponse:
    course = _course(request, course_id)
    form = CourseForm(request.POST or None, instance=course, **scope(request))
    if request.method == "POST" and form.is_valid():
        services.course_update(course=course, data=form.cleaned_data)
        messages.success(request, "Cours modifié.")
        return redirect(_back(request, uai))
    context = page_context(request, form=form, course=course, next=_back(request, uai))
    return render(request, "timetables/course_form.html", context)


@role_required(*WRITERS)
def course_move(request: EstablishmentRequest, uai: str, course_id: uuid.UUID) -> HttpResponse:
    course = _course(request, course_id)
    initial = {"weekday": course.weekday, "starts_at": course.starts_at}
    form = CourseMoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.course_move(course=course, **form.cleaned_data)
        messages.success(request, "Cours déplacé.")
        return redirect(_back(request, uai))
    context = page_context(request, form=form, course=course, next=_back(request, uai))
    return render(request, "timetables/course_move.html", context)


@role_required(*WRITERS)
def course_delete(request: EstablishmentRequest, uai: str, course_id: uuid.UUID) -> HttpResponse:
    course = _course(request, course_id)
    if request.method == "POST":
        services.course_delete(course=course)
        messages.success(request, "Cours supprimé.")
        return redirect(_back(request, uai))
    context = page_context(request, course=course, next=_back(request, uai))
    return render(request, "timetables/course_delete.html", context)
