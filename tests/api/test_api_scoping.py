"""Every API endpoint is scoped like the pages, checked by enumerating the API's URL patterns: an
outsider (another organisation) gets 404, a member limited to other establishments gets 404, a member
without the endpoint's role gets 403, and the handler runs inside the tenant's django-scopes scope."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.urls import include, path, resolve, reverse
from rest_framework.request import Request
from rest_framework.response import Response

from api.apis.base import EstablishmentApiView
from establishments.models import Role
from jobs.models import JobKind, JobStatus
from siecle.models import Student
from tests.factories import MembershipFactory, UserFactory
from tests.jobs.factories import JobFactory
from tests.siecle.factories import StudentFactory
from tests.url_samples import URL_KWARG_SAMPLES
from tests.url_sweep import iter_routes

pytestmark = pytest.mark.django_db


def _api_routes():
    return [route for route in iter_routes() if route.is_api and route.classification == "uai"]


def _url(route, establishment, samples=URL_KWARG_SAMPLES) -> str:
    kwargs = {name: samples[name](establishment) for name in route.kwargs - {"uai"}}
    return reverse(route.name, kwargs={"uai": establishment.uai, **kwargs})


# A concepteur reads export jobs only (imports are the administrateurs'), as on the pages.
CONCEPTEUR_SAMPLES = {
    **URL_KWARG_SAMPLES,
    "job_id": lambda establishment: _export_job(establishment).pk,
}


def _export_job(establishment):
    return JobFactory(establishment=establishment, kind=JobKind.EXPORT_MINISTRY, status=JobStatus.SUCCEEDED)


def _send(client, url: str):
    """The endpoint's own method: GET to read, else POST with an empty body (refused as invalid or in
    conflict once scoping and role have let it through, so no work is started)."""
    if hasattr(cast(Any, resolve(url).func).view_class, "get"):
        return client.get(url)
    return client.post(url, {}, format="json")


def _served(response) -> bool:
    """Past scoping and role: a read answers 200, an empty write 400 (invalid) or 409 (state)."""
    return response.status_code == (200 if response.request["REQUEST_METHOD"] == "GET" else 400) or (
        response.status_code == 409
    )


def test_the_enumeration_finds_the_establishment_endpoints():
    names = {route.name for route in _api_routes()}
    assert {"api:establishment", "api:students", "api:student", "api:divisions", "api:group"} <= names
    assert {"api:jobs", "api:job", "api:job_confirm", "api:job_cancel", "api:imports", "api:exports"} <= names
    assert "api:export_file" in names


def test_it_answers_404_to_an_outsider_on_every_endpoint(api_for, outsider, cite_college):
    client = api_for(outsider)
    for route in _api_routes():
        response = _send(client, _url(route, cite_college))
        assert (response.status_code, response.json()["code"]) == (404, "not_found"), route.name


def test_it_answers_the_same_404_to_an_unknown_uai(api_for, outsider):
    response = api_for(outsider).get(reverse("api:students", kwargs={"uai": "0000000A"}))
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_it_answers_404_to_a_member_limited_to_other_establishments(api_for, cite_staff_user, cite_lp):
    client = api_for(cite_staff_user)
    for route in _api_routes():
        assert _send(client, _url(route, cite_lp)).status_code == 404, route.name


def test_it_serves_every_endpoint_to_a_member(api_for, admin_user, cite_college):
    """The control for the tests above: the 404s come from isolation, not from bad sample values."""
    client = api_for(admin_user)
    for route in _api_routes():
        response = _send(client, _url(route, cite_college))
        assert _served(response), f"{route.name}: {response.status_code}"


@pytest.mark.parametrize("role_held", [Role.ADMINISTRATEUR, Role.CONCEPTEUR])
def test_it_answers_403_to_a_member_without_the_endpoints_role(api_for, cite, cite_college, role_held):
    member = MembershipFactory(
        user=UserFactory(),
        organisation=cite,
        is_administrateur=role_held == Role.ADMINISTRATEUR,
        is_concepteur=role_held == Role.CONCEPTEUR,
    ).user
    client = api_for(member)
    samples = CONCEPTEUR_SAMPLES if role_held == Role.CONCEPTEUR else URL_KWARG_SAMPLES
    for route in _api_routes():
        url = _url(route, cite_college, samples)
        required = resolve(url).func.required_roles
        response = _send(client, url)
        if required and role_held not in required:
            assert (response.status_code, response.json()["code"]) == (403, "role_required"), url
        else:
            assert _served(response), f"{url}: {response.status_code}"


class AdminOnlyProbe(EstablishmentApiView):
    """A test endpoint declaring a role, as the import endpoints do, that counts pupils without any
    explicit filter: only the tenant scope limits what it sees."""

    required_roles = (Role.ADMINISTRATEUR,)

    def get(self, request: Request, uai: str) -> Response:
        return Response({"students": Student.objects.count()})


# In the "api" namespace, as the real endpoints (the pages' middleware leaves those to the API).
urlpatterns = [
    path("api/v1/establishments/<str:uai>/", include(([path("probe/", AdminOnlyProbe.as_view(), name="probe")], "api")))
]


@pytest.mark.urls(__name__)
def test_it_refuses_a_member_without_the_declared_role_with_403(api_for, concepteur_user, cite_college):
    response = api_for(concepteur_user).get(f"/api/v1/establishments/{cite_college.uai}/probe/")
    assert (response.status_code, response.json()["code"]) == (403, "role_required")


@pytest.mark.urls(__name__)
def test_it_serves_a_member_holding_the_declared_role(api_for, admin_user, cite_college):
    response = api_for(admin_user).get(f"/api/v1/establishments/{cite_college.uai}/probe/")
    assert response.status_code == 200


@pytest.mark.urls(__name__)
def test_it_runs_the_view_inside_the_members_tenant_scope(
    api_for, cite_staff_user, cite_college, cite_lp, other_college
):
    StudentFactory(establishment=cite_college)
    StudentFactory(establishment=cite_lp)  # same organisation, but not visible to this member
    StudentFactory(establishment=other_college)
    response = api_for(cite_staff_user).get(f"/api/v1/establishments/{cite_college.uai}/probe/")
    assert response.json() == {"students": 1}


def test_it_answers_404_once_the_members_membership_is_deactivated(api_for, admin_user, cite_college):
    client = api_for(admin_user)
    admin_user.memberships.update(is_active=False)
    response = client.get(reverse("api:establishment", kwargs={"uai": cite_college.uai}))
    assert response.status_code == 404
