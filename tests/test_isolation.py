"""Tenants never see each other: every URL that carries a UAI or an object id answers 404 to a member
of another organisation, GET and POST alike. URLs added later are swept automatically."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from tests.factories import MembershipFactory, UserFactory
from tests.url_samples import URL_KWARG_SAMPLES
from tests.url_sweep import iter_routes

pytestmark = pytest.mark.django_db


def _url(route, establishment) -> str:
    kwargs = {}
    for name in route.kwargs:
        if name == "uai":
            kwargs[name] = establishment.uai
        else:
            assert name in URL_KWARG_SAMPLES, f"{route.name}: add a sample for kwarg '{name}' in tests/url_samples.py"
            kwargs[name] = URL_KWARG_SAMPLES[name](establishment)
    return reverse(route.name, kwargs=kwargs)


def _tenant_routes():
    return [route for route in iter_routes() if route.classification in {"uai", "object"}]


def test_every_url_pattern_is_named_and_classified():
    unclassified = [
        route
        for route in iter_routes()
        if route.classification == "unclassified" or (not route.name and route.classification != "staff")
    ]
    assert unclassified == [], "name the pattern and classify it (public, UAI-scoped or object-scoped)"


def test_the_sweep_covers_the_establishment_pages():
    assert "establishments:home" in {route.name for route in _tenant_routes()}


def test_an_outsider_gets_404_on_every_tenant_url(client_for, outsider, cite_college):
    client = client_for(outsider)
    for route in _tenant_routes():
        url = _url(route, cite_college)
        assert client.get(url).status_code == 404, f"GET {url} ({route.name})"
        assert client.post(url).status_code == 404, f"POST {url} ({route.name})"


def test_a_member_is_not_refused_on_those_urls(client_for, cite, cite_college):
    """The control for the test above: the 404s come from isolation, not from bad sample values."""
    member = MembershipFactory(user=UserFactory(), organisation=cite, is_administrateur=True, is_concepteur=True).user
    client = client_for(member)
    for route in _tenant_routes():
        url = _url(route, cite_college)
        assert client.get(url).status_code != 404, f"GET {url} ({route.name})"


def test_a_member_limited_to_other_establishments_gets_404(client_for, cite_staff_user, cite_lp):
    client = client_for(cite_staff_user)
    for route in _tenant_routes():
        assert client.get(_url(route, cite_lp)).status_code == 404, route.name


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, cite_college):
    for route in _tenant_routes():
        if route.is_api:
            continue
        response = client.get(_url(route, cite_college))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), route.name


def test_an_anonymous_api_call_gets_401_in_json(client, cite_college):
    for route in _tenant_routes():
        if not route.is_api:
            continue
        response = client.get(_url(route, cite_college))
        assert (response.status_code, response.json()["code"]) == (401, "authentication_required"), route.name


def test_the_sweep_covers_the_api(cite_college):
    assert {"api:students", "api:student", "api:certificate"} <= {route.name for route in _tenant_routes()}


def test_the_django_admin_is_refused_to_school_staff(client_for, admin_user):
    response = client_for(admin_user).get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role_held", ["administrateur", "concepteur"])
def test_every_page_refuses_a_member_without_its_role(client_for, cite, cite_college, role_held):
    member = MembershipFactory(
        user=UserFactory(),
        organisation=cite,
        is_administrateur=role_held == "administrateur",
        is_concepteur=role_held == "concepteur",
    ).user
    client = client_for(member)
    for route in _tenant_routes():
        url = _url(route, cite_college)
        required = getattr(resolve(url).func, "required_roles", ())
        if required and role_held not in required:
            method = client.get if "GET" in _allowed_methods(client, url) else client.post
            assert method(url).status_code == 403, f"{url} ({route.name}) needs {required}"


def _allowed_methods(client, url) -> str:
    response = client.get(url)
    return "POST" if response.status_code == 405 else "GET"
