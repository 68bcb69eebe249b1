"""« Exporter vers STS-Web / SIECLE » in Chromium, run by a real Celery worker on the ``exports`` queue:
the whole wizard to a NetSynchro deposit followed until « Intégré », then the file from « Historique des
exports ». Screenshots go to the test output folder."""

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
from tests.celery_worker import running_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
UAI = "0691234S"


@pytest.fixture
def demo(transactional_db):
    call_command("demo_setup", stdout=StringIO())


@pytest.fixture
def sandbox(demo, tmp_path, settings, monkeypatch):
    """The NetSynchro sandbox on a free port, with the collège's certificate installed."""
    pki = generate_test_pki(tmp_path / "pki", [UAI])
    handle = start_sandbox(pki, config=SandboxConfig(students=20, received_seconds=0.5, processing_seconds=1))
    for name, value in (
        ("NETSYNCHRO_URL", handle.url),
        ("NETSYNCHRO_CA_FILE", pki["ca"]),
        ("NETSYNCHRO_POLL_INTERVAL", "0.2"),
    ):
        setattr(settings, name, value)
        monkeypatch.setenv(name, value)  # for the worker process
    client = pki["clients"][0]
    with scopes_disabled():
        certificate_install(
            establishment=Establishment.objects.get(uai=UAI),
            school_year=current_school_year(),
            data=Path(client["file"]).read_bytes(),
            password=client["password"],
        )
    yield handle
    handle.stop()


@pytest.fixture
def worker(sandbox):
    with running_worker(queues="exports") as process:
        yield process


def _next(page: Page) -> None:
    page.get_by_role("button", name="Suivant").click()


def test_a_concepteur_sends_the_timetable_to_sts_web_through_netsynchro(
    worker, sandbox, login, page, live_server, screenshot
):
    login("admin.moulin", "Demo-Admin-2026")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Exporter vers STS-Web / SIECLE"
    ).click()
    expect(page.get_by_role("group", name="Établissement")).to_be_visible()
    page.get_by_role("radio", name=re.compile(UAI)).check()
    screenshot("1-etablissement")
    _next(page)
    page.get_by_role("radio", name="STS-Web", exact=True).check()
    expect(page.get_by_role("radio", name="SIECLE BEE")).to_be_visible()
    expect(page.get_by_role("radio", name="SIECLE Vie de l'établissement")).to_be_visible()
    screenshot("2-export")
    _next(page)
    expect(page.get_by_role("heading", name=re.compile("Contrôles avant l'export"))).to_be_visible()
    screenshot("3-controles")
    accept = page.get_by_label("J'accepte ces avertissements")
    if accept.count():
        accept.check()
    _next(page)
    expect(page.get_by_test_id("sts-web-notice")).to_contain_text("valider les services dans STS-Web")
    page.get_by_role("radio", name="NetSynchro").check()
    screenshot("4-envoi")
    page.get_by_role("button", name="Générer le fichier").click()
    expect(page).to_have_url(re.compile(rf"/e/{UAI}/emploi-du-temps/exports/[0-9a-f-]+/$"))
    expect(page.get_by_test_id("deposit-status")).to_have_text("Intégré", timeout=60_000)
    screenshot("5-integre")
    page.get_by_role("main").get_by_role("link", name="Historique des exports").click()
    expect(page.get_by_test_id("export-history")).to_contain_text("Intégré")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"emp_sts_{UAI}_{current_school_year()}.xml").click()
    assert Path(download.value.path()).read_bytes().startswith(b'<?xml version="1.0" encoding="ISO-8859-15"?>')
    assert len(sandbox.get("/deposits")) == 1
