from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.urls import password_reset_urlpatterns
from establishments import views as establishment_views

admin.site.site_header = "NetSynchro Portal — administration de la plateforme"
admin.site.site_title = "NetSynchro Portal"

urlpatterns = [
    path("", establishment_views.landing, name="landing"),
    path("connexion/", establishment_views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", establishment_views.healthz, name="healthz"),
    path("readyz", establishment_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("compte/jetons-api/", include("api.account_urls")),
    path("", include("accounts.urls")),
    *password_reset_urlpatterns,
    path("e/<str:uai>/administration/utilisateurs/", include("accounts.urls_members")),
    path("e/<str:uai>/administration/journal/", include("audit.urls")),
    path("e/<str:uai>/certificats/", include("certificates.urls")),
    path("e/<str:uai>/", include("establishments.urls")),
    path("e/<str:uai>/", include("siecle.urls")),
    path("e/<str:uai>/", include("jobs.urls")),
    path("e/<str:uai>/", include("refresh.urls")),
    path("e/<str:uai>/emploi-du-temps/", include("timetables.urls")),
    path("e/<str:uai>/emploi-du-temps/exports/", include("exports.urls")),
]
