"""Included by the project at ``e/<str:uai>/certificats/``."""

from __future__ import annotations

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("ajouter/", views.add, name="add"),
    path("<str:target_uai>/", views.detail, name="detail"),
    path("<str:target_uai>/modifier/", views.replace, name="replace"),
    path("<str:target_uai>/supprimer/", views.delete, name="delete"),
    path("<str:target_uai>/reprendre/", views.copy_forward, name="copy_forward"),
    path("<str:target_uai>/tester/", views.test_connection, name="test_connection"),
]
