"""Included by the project as ``path("e/<str:uai>/", include("refresh.urls"))``."""

from __future__ import annotations

from django.urls import path

from refresh import views

app_name = "refresh"

urlpatterns = [
    path("importer/automatique/", views.schedule_settings, name="settings"),
]
