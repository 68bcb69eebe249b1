"""« Jetons d'accès API », included by the project at ``compte/jetons-api/`` (the user's own tokens only)."""

from __future__ import annotations

from django.urls import path

from api import account_views

app_name = "api_tokens"

urlpatterns = [
    path("", account_views.token_list, name="list"),
    path("revoquer/", account_views.token_revoke, name="revoke"),
]
