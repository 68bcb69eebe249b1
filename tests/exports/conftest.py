"""The NetSynchro test PKI and sandbox of tests/netsynchro, shared with the export tests; ``platform``: the
sandbox configured in the settings with the college's certificate installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from certificates.selectors import clear_ssl_context_cache
from certificates.services import certificate_install
from establishments.school_years import current_school_year
from tests.netsynchro.conftest import pki, private_temporary_folder, sandbox, sandbox_module
from tests.netsynchro.helpers import client_entry

__all__ = ["pki", "private_temporary_folder", "sandbox", "sandbox_module"]

YEAR = current_school_year()


@pytest.fixture
def platform(settings, sandbox, pki, cite_college):
    settings.NETSYNCHRO_URL = sandbox.url
    settings.NETSYNCHRO_CA_FILE = pki["ca"]
    settings.NETSYNCHRO_RETRY_BACKOFF = 0.01
    settings.NETSYNCHRO_POLL_INTERVAL = 0.05
    settings.EXPORT_DEPOSIT_WAIT = 10
    clear_ssl_context_cache()
    entry = client_entry(pki)
    with scopes_disabled():
        certificate_install(
            establishment=cite_college,
            school_year=YEAR,
            data=Path(entry["file"]).read_bytes(),
            password=entry["password"],
            actor_label="tests",
        )
    yield sandbox
    clear_ssl_context_cache()
