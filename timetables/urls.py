"""Included by the project as ``path("e/<str:uai>/emploi-du-temps/", include("timetables.urls"))``."""

from __future__ import annotations

from django.urls import path

from timetables.views import calendar, courses, pages

app_name = "timetables"

urlpatterns = [
    path("", pages.index, name="index"),
    path("divisions/<uuid:division_id>/", pages.division_grid, name="division"),
    path("groupes/<uuid:group_id>/", pages.group_grid, name="group"),
    path("enseignants/", pages.teacher_list, name="teachers"),
    path("enseignants/<uuid:teacher_id>/", pages.teacher_grid, name="teacher"),
    path("salles/", pages.room_list, name="rooms"),
    path("salles/nouvelle/", pages.room_create, name="room_create"),
    path("salles/<uuid:room_id>/", pages.room_grid, name="room"),
    path("matieres/", pages.subject_list, name="subjects"),
    path("semaines/", pages.week_pattern_list, name="week_patterns"),
    path("services/", pages.service_list, name="services"),
    path("conflits/", pages.conflict_list, name="conflicts"),
    path("calendrier/", calendar.calendar_page, name="calendar"),
    path("calendrier/modifier/", calendar.calendar_edit, name="calendar_edit"),
    path("calendrier/vacances/", calendar.holiday_add, name="holiday_add"),
    path("calendrier/vacances/<uuid:holiday_id>/supprimer/", calendar.holiday_delete, name="holiday_delete"),
    path("calendrier/horaires/", calendar.opening_hours_edit, name="opening_hours_edit"),
    path("cours/nouveau/", courses.course_create, name="course_create"),
    path("cours/<uuid:course_id>/", courses.course_edit, name="course"),
    path("cours/<uuid:course_id>/deplacer/", courses.course_move, name="course_move"),
    path("cours/<uuid:course_id>/supprimer/", courses.course_delete, name="course_delete"),
]
