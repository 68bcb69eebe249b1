"""Resolves ``/e/<uai>/…`` against the user's memberships and runs the view inside the tenant scope."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

from establishments.selectors import establishment_access_for_user

LAST_UAI_SESSION_KEY = "last_uai"


class EstablishmentMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.establishment = None
        request.organisation = None
        request.membership = None
        request.accessible_establishments = []
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if "admin" in match.namespaces:
            # The Django admin is for platform staff only and reads across tenants on purpose.
            with scopes_disabled():
                return self.get_response(request)
        if "api" in match.namespaces:
            # The API authenticates tokens inside DRF, after this middleware: its views resolve the
            # establishment and enter the same scope themselves (api.apis.base.EstablishmentApiView).
            return self.get_response(request)
        if "uai" not in match.kwargs:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        establishment, membership, visible = establishment_access_for_user(request.user, match.kwargs["uai"])
        request.establishment = establishment
        request.organisation = establishment.organisation
        request.membership = membership
        request.accessible_establishments = visible
        # Remembered only to choose the landing page: the UAI of a page always comes from its URL,
        # so two tabs on two establishments never mix.
        request.session[LAST_UAI_SESSION_KEY] = establishment.uai
        with scope(organisation=establishment.organisation_id, establishment=visible):
            return self.get_response(request)
