from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from establishments.decorators import role_required
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_it_shows_the_establishment_year_and_roles_on_the_home_page(client_for, cite_staff_user, cite_college):
    response = client_for(cite_staff_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Collège Jean Moulin" in page and "0691234S" in page
    assert "Année scolaire" in page and "administrateur, concepteur" in page


def test_it_redirects_the_landing_page_to_the_first_establishment(client_for, admin_user, cite_college):
    response = client_for(admin_user).get(reverse("landing"))
    assert response.status_code == 302
    assert response["Location"] == reverse("establishments:home", kwargs={"uai": cite_college.uai})


def test_it_redirects_the_landing_page_to_the_last_chosen_establishment(client_for, admin_user, cite_lp):
    client = client_for(admin_user)
    client.get(reverse("establishments:home", kwargs={"uai": cite_lp.uai}))
    assert client.get(reverse("landing"))["Location"] == reverse("establishments:home", kwargs={"uai": cite_lp.uai})


def test_it_tells_a_user_without_establishment_to_ask_for_access(client_for, db):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get(reverse("landing"))
    assert response.status_code == 200 and "Aucun établissement" in response.content.decode()


def test_it_answers_404_for_a_uai_that_does_not_exist(client_for, admin_user):
    assert client_for(admin_user).get("/e/0750654D/").status_code == 404


def test_role_required_refuses_a_member_without_the_role():
    view = role_required("administrateur")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.membership = type("M", (), {"has_role": lambda self, *roles: "concepteur" in roles})()
    with pytest.raises(PermissionDenied):
        view(request)


def test_role_required_lets_a_member_with_the_role_in():
    view = role_required("administrateur", "concepteur")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.membership = type("M", (), {"has_role": lambda self, *roles: "concepteur" in roles})()
    assert view(request).status_code == 200


def test_it_logs_in_with_the_right_password(client, admin_user):
    response = client.post(reverse("login"), {"username": "alice", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_it_refuses_a_wrong_password_in_french(client, admin_user):
    response = client.post(reverse("login"), {"username": "alice", "password": "faux"})
    assert "Identifiant ou mot de passe incorrect" in response.content.decode()


def test_it_throttles_repeated_failed_logins_even_with_the_right_password(client, admin_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "alice", "password": "faux"})
    response = client.post(reverse("login"), {"username": "alice", "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()


def test_logout_is_post_only(client_for, admin_user):
    client = client_for(admin_user)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def test_it_sends_security_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_healthz_answers_without_login(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok"


def test_readyz_checks_the_database_and_the_broker(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "broker": True}}


def test_readyz_reports_an_unreachable_broker(client, settings):
    from netsync_portal.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get(reverse("readyz"))
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503 and response.json()["checks"]["broker"] is False
