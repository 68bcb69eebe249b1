"""A test PKI and one sandbox per test module (real HTTPS on loopback, in a thread, port 0); faults and
deposits are reset before each test."""

from __future__ import annotations

import tempfile

import pytest

from certificates.pki import generate_test_pki
from netsynchro.sandbox import SandboxConfig, start_sandbox
from netsynchro.sandbox.state import default_years
from tests.netsynchro.helpers import PKI_UAIS

YEAR = default_years()[1]


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return generate_test_pki(tmp_path_factory.mktemp("netsynchro-pki"), PKI_UAIS)


@pytest.fixture(scope="module")
def sandbox_module(pki: dict):
    config = SandboxConfig(students=25, received_seconds=0.1, processing_seconds=0.25)
    handle = start_sandbox(pki, config=config)
    yield handle
    handle.stop()


@pytest.fixture
def sandbox(sandbox_module):
    sandbox_module.control("/reset")
    return sandbox_module


@pytest.fixture
def year() -> int:
    return YEAR


@pytest.fixture(autouse=True)
def private_temporary_folder(tmp_path, monkeypatch) -> None:
    """Exports fetched without a folder land in the test's own temporary folder, not the system's."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
