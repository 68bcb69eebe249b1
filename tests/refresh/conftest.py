"""A NetSynchro sandbox per module (real HTTPS on loopback, port 0), the collège's certificate installed,
administrateurs with e-mail addresses, and the job files in the test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from certificates.pki import generate_test_pki
from certificates.selectors import clear_ssl_context_cache
from certificates.services import certificate_install
from establishments.school_years import current_school_year
from netsynchro.sandbox import SandboxConfig, start_sandbox
from tests.netsynchro.helpers import PKI_UAIS, client_entry

SANDBOX_STUDENTS = 40


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return generate_test_pki(tmp_path_factory.mktemp("refresh-pki"), PKI_UAIS)


@pytest.fixture(scope="module")
def sandbox_module(pki: dict):
    handle = start_sandbox(pki, config=SandboxConfig(students=SANDBOX_STUDENTS))
    yield handle
    handle.stop()


@pytest.fixture
def sandbox(sandbox_module, cite_college):
    sandbox_module.control("/reset")
    sandbox_module.control("/exports", uai=cite_college.uai, students=SANDBOX_STUDENTS)
    return sandbox_module


@pytest.fixture
def platform(settings, sandbox, pki, tmp_path):
    """NetSynchro configured, without the certificate (see ``certified``)."""
    settings.NETSYNCHRO_URL = sandbox.url
    settings.NETSYNCHRO_CA_FILE = pki["ca"]
    settings.NETSYNCHRO_RETRY_ATTEMPTS = 2
    settings.NETSYNCHRO_RETRY_BACKOFF = 0.01
    settings.JOB_FILES_ROOT = str(tmp_path / "job_files")
    settings.PORTAL_BASE_URL = "https://portail.example.fr"
    clear_ssl_context_cache()
    yield sandbox
    clear_ssl_context_cache()


@pytest.fixture
def certificate(pki, cite_college):
    """The collège's certificate for the current year (what starting a NetSynchro import requires)."""
    entry = client_entry(pki, cite_college.uai)
    with scopes_disabled():
        certificate_install(
            establishment=cite_college,
            school_year=current_school_year(),
            data=Path(entry["file"]).read_bytes(),
            password=entry["password"],
            actor_label="tests",
        )


@pytest.fixture
def certified(platform, certificate):
    return platform


@pytest.fixture
def admins(admin_user, concepteur_user):
    """Alice (administrateur) has an address; so has Bob, who is concepteur only and gets no digest."""
    for user, email in ((admin_user, "alice@college.example.fr"), (concepteur_user, "bob@college.example.fr")):
        user.email = email
        user.save(update_fields=["email"])
    return [admin_user]
