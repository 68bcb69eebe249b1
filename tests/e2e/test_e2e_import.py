"""« Importer des données » in Chromium, run by a real Celery worker: through the NetSynchro sandbox, then
with uploaded SIECLE files. Screenshots go to the test output folder."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from certificates.pki import generate_test_pki
from certificates.services import certificate_install
from establishments.models import Establishment
from establishments.school_years import current_school_year
from netsynchro.sandbox import SandboxConfig, start_sandbox
from siecle.formats.generator import export_zip_bytes
from siecle.models import Student
from tests.celery_worker import running_worker
from tests.siecle.helpers import make_set

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SANDBOX_STUDENTS = 60
ZIPS = ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Nomenclature", "Structures")


@pytest.fixture
def demo(transactional_db):
    call_command("demo_setup", stdout=StringIO())


@pytest.fixture
def worker():
    with running_worker(queues="imports") as process:
        yield process


@pytest.fixture
def sandbox(demo, tmp_path, settings, monkeypatch):
    """The bundled NetSynchro sandbox on a free port, with the lycée's certificate installed."""
    pki = generate_test_pki(tmp_path / "pki", ["0691234S", "0691235T"])
    handle = start_sandbox(pki, config=SandboxConfig(students=SANDBOX_STUDENTS))
    for name, value in (("NETSYNCHRO_URL", handle.url), ("NETSYNCHRO_CA_FILE", pki["ca"])):
        setattr(settings, name, value)
        monkeypatch.setenv(name, value)  # for the worker process
    client = next(item for item in pki["clients"] if item["uai"] == "0691235T")
    with scopes_disabled():
        certificate_install(
            establishment=Establishment.objects.get(uai="0691235T"),
            school_year=current_school_year(),
            data=Path(client["file"]).read_bytes(),
            password=client["password"],
        )
    yield handle
    handle.stop()


def _open_from_the_menu(page: Page) -> None:
    menu = page.get_by_role("navigation", name="Menu principal").get_by_role("group", name="Administration")
    menu.get_by_role("link", name="Importer des données").click()


def _launch(page: Page) -> None:
    """« Suivant », then the establishment step (admin.moulin manages the three of the cité)."""
    page.get_by_role("button", name="Suivant").click()
    page.get_by_role("button", name="Lancer l'import").click()


def _confirm_and_finish(page: Page, screenshot) -> None:
    expect(page.get_by_role("heading", name="Aperçu de l'import")).to_be_visible(timeout=60_000)
    screenshot("2-apercu")
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    screenshot("3-progression")
    expect(page.get_by_role("heading", name="Import terminé")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")
    screenshot("4-termine")


def test_the_cites_administrateur_imports_through_netsynchro(sandbox, worker, login, page, live_server, screenshot):
    login("admin.moulin", "Demo-Admin-2026")
    page.locator("[data-switcher-select]").select_option(label="Lycée Jean Moulin (0691235T)")
    expect(page).to_have_url(re.compile(r"/e/0691235T/$"))
    _open_from_the_menu(page)
    expect(page.get_by_label("Élèves et responsables")).to_be_checked()
    page.get_by_role("radio", name="SIECLE via NetSynchro").check()
    screenshot("1-formulaire")
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator("[data-step='2']").get_by_label("Établissement")).to_have_value("0691235T")
    page.get_by_role("button", name="Lancer l'import").click()
    expect(page).to_have_url(re.compile(r"/e/0691235T/imports/[0-9a-f-]+/$"))
    _confirm_and_finish(page, screenshot)
    page.get_by_role("link", name="Voir les élèves").click()
    with scopes_disabled():
        present = Student.objects.filter(establishment__uai="0691235T", is_active=True).count()
    assert 0 < present <= SANDBOX_STUDENTS
    expect(page.locator("main")).to_contain_text(f"{present} élèves")
    screenshot("5-eleves")


def test_an_administrateur_imports_uploaded_siecle_files(demo, worker, login, page, live_server, tmp_path, screenshot):
    data = make_set("0691234S", students=40, seed=8, year=current_school_year())
    paths = []
    for name in ZIPS:
        path = tmp_path / f"ExportXML_{name}.zip"
        path.write_bytes(export_zip_bytes(data, name))
        paths.append(str(path))
    login("admin.moulin", "Demo-Admin-2026")
    _open_from_the_menu(page)
    page.get_by_role("radio", name="Fichiers SIECLE").check()
    page.locator("input[type=file]").set_input_files(paths)
    page.get_by_label("Avec nomenclatures").check()
    page.get_by_label("Importer la répartition des élèves dans les groupes").check()
    screenshot("1-fichiers")
    _launch(page)
    _confirm_and_finish(page, screenshot)
    page.get_by_role("link", name="Fermer").click()
    expect(page.get_by_role("heading", name="Historique des imports")).to_be_visible()
    expect(page.get_by_test_id("import-history").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_test_id("import-history")).to_contain_text("Terminé")
    screenshot("5-historique")
