"""Included by the project as ``path("e/<str:uai>/emploi-du-temps/exports/", include("exports.urls"))``."""

from __future__ import annotations

from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.wizard, name="start"),
    path("generer/", views.generate, name="generate"),
    path("historique/", views.history, name="history"),
    path("<uuid:export_id>/", views.export_detail, name="export"),
    path("<uuid:export_id>/progression/", views.export_progress, name="progress"),
    path("<uuid:export_id>/fichier/", views.export_file, name="file"),
]
