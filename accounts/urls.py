"""Account pages, included by the project at its root (no UAI: they only show the visitor's own account)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views_account as views

app_name = "accounts"

urlpatterns = [
    path("compte/", views.account, name="account"),
    path("compte/mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path("compte/double-authentification/", views.totp_setup, name="totp"),
    path("compte/double-authentification/desactiver/", views.totp_remove, name="totp_remove"),
    path("connexion/code/", views.otp_verify, name="otp_verify"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]

# Django's password reset flow; the names are Django's own (its views reverse them).
password_reset_urlpatterns = [
    path(
        "mot-de-passe-oublie/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("mot-de-passe-oublie/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe-oublie/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe-oublie/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
