"""Personal access tokens: created (page or command), shown once, stored hashed, used as Bearer, expired,
revoked, and their last use recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import ApiTokenError, api_token_create, api_token_record_use, api_token_revoke
from tests.commands import run_json_command
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ESTABLISHMENTS = reverse("api:establishments")


def _bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_it_acts_as_the_tokens_user(admin_user, cite_college):
    _, raw = api_token_create(user=admin_user, name="ENT")
    response = _bearer(raw).get(ESTABLISHMENTS)
    assert [row["uai"] for row in response.json()] == ["0691234S", "0691235T", "0691236U"]


def test_it_stores_only_a_digest_of_the_token(admin_user):
    token, raw = api_token_create(user=admin_user, name="ENT")
    stored = ApiToken.objects.values_list("prefix", "key_hash").get(pk=token.pk)
    assert raw not in stored and raw.startswith(stored[0])


def test_it_records_the_first_use(admin_user):
    token, raw = api_token_create(user=admin_user, name="ENT")
    _bearer(raw).get(ESTABLISHMENTS)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_records_the_last_use_at_most_once_a_minute(admin_user):
    token, _ = api_token_create(user=admin_user, name="ENT")
    first = timezone.now()
    api_token_record_use(token=token, now=first)
    api_token_record_use(token=token, now=first + timedelta(seconds=30))
    token.refresh_from_db()
    assert token.last_used_at == first


def test_it_records_a_use_after_a_minute(admin_user):
    token, _ = api_token_create(user=admin_user, name="ENT")
    first = timezone.now()
    api_token_record_use(token=token, now=first)
    api_token_record_use(token=token, now=first + timedelta(seconds=61))
    token.refresh_from_db()
    assert token.last_used_at == first + timedelta(seconds=61)


def test_it_refuses_an_expired_token(admin_user):
    token, raw = api_token_create(user=admin_user, name="ENT", expires_days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _bearer(raw).get(ESTABLISHMENTS)
    assert (response.status_code, response.json()["code"]) == (401, "token_expired")


def test_it_accepts_a_token_before_its_expiry(admin_user):
    _, raw = api_token_create(user=admin_user, name="ENT", expires_days=1)
    assert _bearer(raw).get(ESTABLISHMENTS).status_code == 200


def test_it_refuses_a_revoked_token(admin_user):
    token, raw = api_token_create(user=admin_user, name="ENT")
    api_token_revoke(user=admin_user, token_id=token.pk)
    response = _bearer(raw).get(ESTABLISHMENTS)
    assert (response.status_code, response.json()["code"]) == (401, "token_revoked")


def test_it_refuses_an_unknown_token_with_a_bearer_challenge(db):
    response = _bearer("nsp_" + "x" * 43).get(ESTABLISHMENTS)
    assert (response.status_code, response.json()["code"], response["WWW-Authenticate"]) == (
        401,
        "token_invalid",
        'Bearer realm="api"',
    )


def test_it_refuses_the_token_of_a_disabled_account(admin_user):
    _, raw = api_token_create(user=admin_user, name="ENT")
    admin_user.is_active = False
    admin_user.save(update_fields=["is_active"])
    assert _bearer(raw).get(ESTABLISHMENTS).json()["code"] == "account_disabled"


def test_it_refuses_a_malformed_authorization_header(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer two parts")
    assert client.get(ESTABLISHMENTS).json()["code"] == "authorization_malformed"


def test_it_refuses_another_users_token_revocation_with_404(admin_user, outsider):
    token, _ = api_token_create(user=admin_user, name="ENT")
    with pytest.raises(Http404):
        api_token_revoke(user=outsider, token_id=token.pk)


@pytest.mark.parametrize("days", [0, 3651])
def test_it_refuses_an_expiry_out_of_range(admin_user, days):
    with pytest.raises(ApiTokenError, match="entre 1 et 3650 jours"):
        api_token_create(user=admin_user, name="ENT", expires_days=days)


def test_the_command_prints_a_working_token(admin_user, cite_college):
    code, output = run_json_command(
        "api_token_create", "--username", "alice", "--expires-days", "30", "--name", "rentrée"
    )
    assert (code, _bearer(output["token"]).get(ESTABLISHMENTS).status_code) == (0, 200)


def test_the_command_names_the_token_and_its_expiry(admin_user):
    run_json_command("api_token_create", "--username", "alice", "--expires-days", "30", "--name", "rentrée")
    token = ApiToken.objects.get(user=admin_user)
    assert (token.name, (token.expires_at - token.created_at).days) == ("rentrée", 30)


def test_the_command_refuses_an_unknown_user(db):
    code, output = run_json_command("api_token_create", "--username", "personne")
    assert (code, output) == (1, {"error": "Utilisateur inconnu ou désactivé : personne."})


class TestTokensPage:
    url = reverse("api_tokens:list")

    def test_it_shows_a_new_token_once(self, client_for, admin_user):
        client = client_for(admin_user)
        shown = client.post(self.url, {"name": "ENT", "expires_days": "90"}, follow=True)
        raw = shown.context["created_token"]
        assert raw in shown.content.decode() and raw not in client.get(self.url).content.decode()

    def test_it_redirects_after_creating_so_a_reload_creates_nothing(self, client_for, admin_user):
        response = client_for(admin_user).post(self.url, {"name": "ENT"})
        assert (response.status_code, response["Location"]) == (302, self.url)

    def test_it_never_lets_the_token_page_be_cached(self, client_for, admin_user):
        response = client_for(admin_user).post(self.url, {"name": "ENT"}, follow=True)
        assert "no-store" in response["Cache-Control"]

    def test_it_lists_only_the_users_own_tokens(self, client_for, admin_user, outsider):
        api_token_create(user=outsider, name="Tableau de bord de Charlie")
        api_token_create(user=admin_user, name="ENT d'Alice")
        page = client_for(admin_user).get(self.url).content.decode()
        assert "ENT d&#x27;Alice" in page and "Charlie" not in page

    def test_it_explains_a_refused_expiry_and_creates_nothing(self, client_for, admin_user):
        response = client_for(admin_user).post(self.url, {"name": "ENT", "expires_days": "0"})
        assert "supérieure ou égale à 1" in response.content.decode() and ApiToken.objects.count() == 0

    def test_it_revokes_a_token(self, client_for, admin_user):
        token, _ = api_token_create(user=admin_user, name="ENT")
        client_for(admin_user).post(reverse("api_tokens:revoke"), {"token": str(token.pk)})
        token.refresh_from_db()
        assert token.state() == "revoked"

    def test_it_answers_404_to_revoking_another_users_token(self, client_for, admin_user, outsider):
        token, _ = api_token_create(user=admin_user, name="ENT")
        response = client_for(outsider).post(reverse("api_tokens:revoke"), {"token": str(token.pk)})
        token.refresh_from_db()
        assert (response.status_code, token.state()) == (404, "active")

    def test_it_asks_for_the_second_factor_before_creating_a_token(self, admin_user):
        TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
        client = Client()
        client.post(reverse("login"), {"username": "alice", "password": TEST_PASSWORD})
        response = client.post(self.url, {"name": "ENT"})
        assert response["Location"].startswith(reverse("accounts:otp_verify")) and not ApiToken.objects.exists()

    def test_it_sends_an_anonymous_visitor_to_the_login_page(self, client):
        assert client.get(self.url)["Location"].startswith(reverse("login"))
