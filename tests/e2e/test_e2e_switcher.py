from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("demo_setup", stdout=StringIO())


def test_a_cite_member_logs_in_and_switches_establishment(demo, login, page, live_server):
    login("cite.moulin", "Demo-Cite-2026")
    expect(page).to_have_url(re.compile(r"/e/0691234S/$"))
    select = page.locator("[data-switcher-select]")
    expect(select.locator("option")).to_have_count(2)
    select.select_option(label="Lycée Jean Moulin (0691235T)")
    expect(page).to_have_url(re.compile(r"/e/0691235T/$"))
    expect(page.get_by_test_id("establishment-uai")).to_have_text("0691235T")


def test_a_single_establishment_user_sees_no_dropdown(demo, login, page):
    login("externe.hugo", "Demo-Externe-2026")
    expect(page.get_by_test_id("current-establishment")).to_have_text("Collège Victor Hugo (0381111B)")
    expect(page.locator("[data-switcher-select]")).to_have_count(0)


def test_a_wrong_password_shows_a_french_error(demo, login, page):
    login("cite.moulin", "mauvais")
    expect(page.get_by_role("alert")).to_contain_text("Identifiant ou mot de passe incorrect")
