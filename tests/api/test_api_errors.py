"""Errors share one JSON shape (code, French message, fields); throttling is per token; the browsable
pages use the session with CSRF."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from api import throttling

pytestmark = pytest.mark.django_db


def _students(establishment) -> str:
    return reverse("api:students", kwargs={"uai": establishment.uai})


def test_it_answers_an_anonymous_call_with_401_and_a_french_message(client):
    body = client.get(reverse("api:establishments")).json()
    assert body == {
        "code": "authentication_required",
        "message": "Authentification requise : envoyez un jeton d'accès dans l'en-tête « Authorization: Bearer <jeton> ».",
    }


def test_it_answers_a_wrong_method_with_405_in_the_same_shape(api_for, admin_user, cite_college):
    response = api_for(admin_user).delete(_students(cite_college))
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")


def test_it_names_the_refused_parameters(api_for, admin_user, cite_college):
    body = api_for(admin_user).get(_students(cite_college), {"status": "partis", "division": "x"}).json()
    assert (body["code"], sorted(body["fields"])) == ("invalid", ["division", "status"])


@pytest.fixture
def frozen_window(monkeypatch):
    """The throttle's clock stopped 20 s into a minute: no window ends in the middle of a test."""
    monkeypatch.setattr(throttling, "time", SimpleNamespace(time=lambda: 60 * 1_000_000 + 20.0))


@pytest.mark.usefixtures("frozen_window")
def test_it_throttles_per_token_with_a_french_message(api_for, admin_user, settings):
    settings.API_THROTTLE_RATE = "2/min"
    client = api_for(admin_user)
    for _ in range(2):
        client.get(reverse("api:establishments"))
    response = client.get(reverse("api:establishments"))
    assert (response.status_code, response.json()["code"], "Retry-After" in response) == (429, "throttled", True)


@pytest.mark.usefixtures("frozen_window")
def test_it_says_when_the_window_ends(api_for, admin_user, settings):
    settings.API_THROTTLE_RATE = "1/min"
    client = api_for(admin_user)
    client.get(reverse("api:establishments"))
    assert client.get(reverse("api:establishments"))["Retry-After"] == "40"


def test_it_lets_a_token_in_again_with_the_next_window(api_for, admin_user, settings, monkeypatch):
    settings.API_THROTTLE_RATE = "1/min"
    client = api_for(admin_user)
    for second in (60 * 1_000_000 + 59.0, 60 * 1_000_001 + 1.0):
        monkeypatch.setattr(throttling, "time", SimpleNamespace(time=lambda second=second: second))
        assert client.get(reverse("api:establishments")).status_code == 200


@pytest.mark.usefixtures("frozen_window")
def test_it_counts_each_token_separately(api_for, admin_user, settings):
    settings.API_THROTTLE_RATE = "2/min"
    first = api_for(admin_user)
    for _ in range(3):
        first.get(reverse("api:establishments"))
    assert api_for(admin_user).get(reverse("api:establishments")).status_code == 200


def test_it_serves_the_browsable_page_to_a_signed_in_user(client_for, admin_user, cite_college):
    response = client_for(admin_user).get(_students(cite_college), HTTP_ACCEPT="text/html")
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (200, "text/html")


def test_it_refuses_a_session_write_without_the_csrf_token(admin_user, cite_college):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(_students(cite_college))
    assert (response.status_code, response.json()["code"]) == (403, "csrf_failed")


def test_it_refuses_an_empty_value_rather_than_reading_it_as_absent(api_for, admin_user, cite_college):
    body = api_for(admin_user).get(_students(cite_college) + "?status=").json()
    assert (body["code"], list(body["fields"])) == ("invalid", ["status"])


def test_it_answers_an_unknown_api_path_with_the_json_404(client):
    response = client.get("/api/v1/establishments/0691234S/eleves/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
