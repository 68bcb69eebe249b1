"""Included by the project at ``e/<str:uai>/administration/journal/``."""

from __future__ import annotations

from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.journal, name="journal"),
    path("csv/", views.journal_csv, name="journal_csv"),
]
