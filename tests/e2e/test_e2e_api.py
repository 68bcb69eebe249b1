"""The API's docs page and « Jetons d'accès API », in Chromium: Swagger UI runs under the site's Content
Security Policy from local assets; a user creates a token, sees it once, uses it, and revokes it."""

from __future__ import annotations

from io import StringIO

import httpx
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("demo_setup", stdout=StringIO())


def test_the_docs_page_runs_swagger_ui_without_breaking_the_csp(page, live_server):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    outside = []
    page.on(
        "request", lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None
    )
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_text("NetSynchro Portal API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/establishments/{uai}/students/").first).to_be_visible()
    assert (refused, outside) == ([], [])


def test_a_user_creates_uses_and_revokes_a_token(demo, login, page, live_server):
    login("admin.moulin", "Demo-Admin-2026")
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("link", name="Jetons d'accès API").click()
    page.get_by_label("Nom du jeton").fill("ENT du collège")
    page.get_by_role("button", name="Créer un jeton").click()
    token = page.get_by_test_id("created-token").locator("code").inner_text()
    api = f"{live_server.url}/api/v1/establishments/"
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(api, headers=headers).status_code == 200
    page.reload()
    expect(page.get_by_test_id("created-token")).to_have_count(0)
    expect(page.get_by_test_id("api-tokens")).to_contain_text("ENT du collège")
    page.get_by_role("button", name="Révoquer").click()
    expect(page.get_by_test_id("api-tokens")).to_contain_text("révoqué")
    assert httpx.get(api, headers=headers).json()["code"] == "token_revoked"
