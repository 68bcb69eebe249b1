"""Resolves ``/e/<uai>/…`` against the user's memberships and runs the view inside the tenant scope."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

from establishments.models import Establishment, Membership, Organisation
from establishments.selectors import establishment_access_for_user

LAST_UAI_SESSION_KEY = "last_uai"


class AuthenticatedRequest(HttpRequest):
    """A request of a logged-in user (views behind ``login_required``): views annotate with it."""

    user: User


class EstablishmentRequest(AuthenticatedRequest):
    """A request under ``/e/<uai>/`` as this middleware hands it to the view: views there annotate with it.

    Elsewhere the middleware sets the same attributes to ``None`` (and ``[]``), so code that may run
    outside ``/e/<uai>/`` reads them with ``getattr(request, "establishment", None)``.
    """

    establishment: Establishment
    organisation: Organisation
    membership: Membership
    accessible_establishments: list[Establishment]


def _attach_tenant(request: HttpRequest, **attributes: object) -> None:
    # Plain attributes on the request, declared for the type checker by EstablishmentRequest.
    for name, value in attributes.items():
        setattr(request, name, value)


class EstablishmentMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _attach_tenant(request, establishment=None, organisation=None, membership=None, accessible_establishments=[])
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
        _attach_tenant(
            request,
            establishment=establishment,
            organisation=establishment.organisation,
            membership=membership,
            accessible_establishments=visible,
        )
        # Remembered only to choose the landing page: the UAI of a page always comes from its URL,
        # so two tabs on two establishments never mix.
        request.session[LAST_UAI_SESSION_KEY] = establishment.uai
        with scope(organisation=establishment.organisation_id, establishment=visible):
            return self.get_response(request)
