"""Included by the project at ``e/<str:uai>/administration/utilisateurs/``."""

from __future__ import annotations

from django.urls import path

from accounts import views_members as views

app_name = "members"

urlpatterns = [
    path("", views.members, name="list"),
    path("inviter/", views.invite, name="invite"),
    path("securite/", views.security, name="security"),
    path("invitations/<int:invitation_id>/annuler/", views.invitation_cancel, name="invitation_cancel"),
    path("<int:member_id>/", views.member_edit, name="edit"),
    path("<int:member_id>/desactiver/", views.member_deactivate, name="deactivate"),
    path("<int:member_id>/reactiver/", views.member_reactivate, name="reactivate"),
]
