from __future__ import annotations

from django.urls import path

from establishments import views

app_name = "establishments"

urlpatterns = [
    path("", views.establishment_home, name="home"),
]
