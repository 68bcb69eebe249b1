"""Done-when of the certificates issue: an administrateur of the cité installs, replaces and deletes a
certificate through the page, in Chromium."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from certificates.pki import generate_test_pki

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pki(tmp_path):
    return generate_test_pki(tmp_path / "pki", ["0691234S", "0691235T"])


@pytest.fixture
def demo(transactional_db):
    call_command("demo_setup", stdout=StringIO())


def _client(pki, uai):
    return next(client for client in pki["clients"] if client["uai"] == uai)


def _upload(page, client, choose_uai: str | None = None):
    if choose_uai:
        page.select_option("#id_uai", choose_uai)
    page.set_input_files("input[type=file]", client["file"])
    page.fill("input[type=password]", client["password"])
    page.get_by_role("button", name="Enregistrer").click()


def test_an_administrateur_installs_replaces_and_deletes_a_certificate(demo, pki, login, page, live_server):
    login("admin.moulin", "Demo-Admin-2026")
    page.get_by_role("link", name="Gérer les certificats NetSynchro").first.click()
    row = page.locator("tr[data-uai='0691235T']")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "none")

    page.get_by_role("link", name="Ajouter").first.click()
    _upload(page, _client(pki, "0691235T"), choose_uai="0691235T")
    expect(page.locator("body")).to_contain_text("SHA-256")

    page.goto(f"{live_server.url}/e/0691234S/certificats/")
    expect(row.locator("[data-status]")).not_to_have_attribute("data-status", "none")
    row.get_by_role("link", name="Modifier").click()
    _upload(page, _client(pki, "0691235T"))
    expect(page.locator("body")).to_contain_text("SHA-256")

    page.goto(f"{live_server.url}/e/0691234S/certificats/")
    row.get_by_role("link", name="Supprimer").click()
    page.get_by_role("button", name="Supprimer").click()
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "none")


def test_a_wrong_password_is_refused_with_a_clear_message(demo, pki, login, page, live_server):
    login("admin.moulin", "Demo-Admin-2026")
    page.goto(f"{live_server.url}/e/0691234S/certificats/ajouter/")
    _upload(page, {**_client(pki, "0691234S"), "password": "mauvais"}, choose_uai="0691234S")
    expect(page.locator("body")).to_contain_text("mot de passe")
    page.goto(f"{live_server.url}/e/0691234S/certificats/")
    expect(page.locator("tr[data-uai='0691234S'] [data-status]")).to_have_attribute("data-status", "none")
