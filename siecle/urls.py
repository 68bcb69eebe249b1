"""Included by the project as ``path("e/<str:uai>/", include("siecle.urls"))``."""

from __future__ import annotations

from django.urls import path

from siecle import views

app_name = "siecle"

urlpatterns = [
    path("eleves/", views.student_list, name="students"),
    path("eleves/<uuid:student_id>/", views.student_detail, name="student"),
    path("structures/", views.structure_list, name="structures"),
    path("structures/<uuid:structure_id>/", views.structure_detail, name="structure"),
]
