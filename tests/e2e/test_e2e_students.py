"""A school's staff finds a pupil imported from SIECLE, and another establishment's pupils stay out of sight."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.siecle.helpers import import_args, make_set, run_import, write_set

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def imported(transactional_db, tmp_path):
    call_command("demo_setup", stdout=StringIO())
    data = make_set("0691234S", students=40, seed=5)
    code, _ = run_import(*import_args("0691234S", write_set(tmp_path, data), "--with-nomenclatures", "--groups"))
    assert code == 0
    return data


def test_a_concepteur_searches_a_pupil_and_opens_the_pupil_page(imported, login, page, live_server):
    pupil = next(student for student in imported.people.students if student.ine and student.exit_date is None)
    login("concepteur.moulin", "Demo-Concepteur-2026")
    page.get_by_role("link", name="Élèves").first.click()
    page.locator("input[type=search], input[name=q]").first.fill(pupil.ine)
    page.get_by_role("button", name="Filtrer").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/e/0691234S/eleves/"))
    expect(page.locator("body")).to_contain_text(pupil.ine)
    expect(page.locator("body")).to_contain_text("Responsables")


def test_switching_to_the_lycee_keeps_the_page_and_shows_none_of_the_college_pupils(imported, login, page, live_server):
    login("concepteur.moulin", "Demo-Concepteur-2026")
    page.goto(f"{live_server.url}/e/0691234S/eleves/")
    expect(page.locator("table tbody tr").first).to_be_visible()
    page.locator("[data-switcher-select]").select_option(label="Lycée Jean Moulin (0691235T)")
    expect(page).to_have_url(re.compile(r"/e/0691235T/eleves/$"))
    expect(page.locator("main")).to_contain_text("0 élève")
    expect(page.locator("table tbody tr")).to_have_count(0)
