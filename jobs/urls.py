"""Included by the project as ``path("e/<str:uai>/", include("jobs.urls"))``."""

from __future__ import annotations

from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("importer/", views.import_start, name="import"),
    path("imports/", views.history, name="history"),
    path("imports/<uuid:job_id>/", views.job_detail, name="job"),
    path("imports/<uuid:job_id>/progression/", views.job_progress, name="job_progress"),
    path("imports/<uuid:job_id>/importer/", views.job_confirm_view, name="job_confirm"),
    path("imports/<uuid:job_id>/annuler/", views.job_cancel_view, name="job_cancel"),
    path("imports/<uuid:job_id>/rapport.csv", views.job_report, name="job_report"),
]
