"""The client against the real sandbox over mutual TLS on loopback: fetch, refused certificates, retries."""

from __future__ import annotations

import pytest

from netsynchro.client import RetryPolicy
from netsynchro.errors import CertificateRefused, NotFound, PlatformUnavailable, ServerNotTrusted
from siecle.formats import ExportKind, read_export
from tests.netsynchro.helpers import UAI, make_client, variant_entry


@pytest.mark.parametrize("kind", ["eleves", "responsables", "nomenclatures", "structures"])
def test_fetch_returns_the_zip_of_the_kind_uai_and_year(sandbox, pki, year, kind):
    with make_client(sandbox, pki) as client:
        export = client.fetch_export(year=year, kind=kind)
    parsed = read_export(export.read_bytes())
    assert parsed.envelope.kind is ExportKind(kind)
    assert (parsed.envelope.uai, parsed.envelope.school_year) == (UAI, year)
    assert export.filename.startswith("ExportXML_") and export.filename.endswith(".zip")


def test_exports_are_deterministic_per_uai_and_year(pki, year, monkeypatch):
    import time

    from netsynchro.sandbox.exports import export_zip
    from netsynchro.sandbox.state import Faults, SandboxConfig, SandboxState

    def fresh() -> bytes:
        state = SandboxState(SandboxConfig(students=15), Faults(), {UAI})
        return export_zip(state, uai=UAI, year=year, kind="eleves")

    first = fresh()
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)  # the generator stamps zip members with "now"
    assert fresh() == first


def test_exports_are_cached_and_sized_per_uai(sandbox, pki, year):
    with make_client(sandbox, pki) as client:
        first = client.fetch_export(year=year, kind="eleves").read_bytes()
        assert client.fetch_export(year=year, kind="eleves").read_bytes() == first
        sandbox.control("/exports", uai=UAI, students=60)
        bigger = read_export(client.fetch_export(year=year, kind="eleves").read_bytes())
    assert len(bigger.students) == 60


@pytest.mark.parametrize(
    ("variant", "code", "words"),
    [
        ("wrong_uai", "certificat_uai", "pas de 0691234S"),
        ("expired", "certificat_expire", "a expiré"),
        ("other_ca", "certificat_autorite", "autorité reconnue"),
    ],
)
def test_refused_certificates_give_a_clear_message(sandbox, pki, year, variant, code, words):
    sleeps: list[float] = []
    with make_client(sandbox, pki, variant_entry(pki, variant), sleeps=sleeps) as client:
        with pytest.raises(CertificateRefused) as refused:
            client.fetch_export(year=year, kind="eleves")
    assert refused.value.code == code
    assert words in refused.value.message and "certificat" in refused.value.message
    assert sleeps == []  # a refusal is never retried


def test_503_then_success_is_retried(sandbox, pki, year):
    sandbox.control(fail_next=2, retry_after=1)
    sleeps: list[float] = []
    with make_client(sandbox, pki, sleeps=sleeps) as client:
        export = client.fetch_export(year=year, kind="structures")
    assert export.read_bytes().startswith(b"PK")
    assert sleeps == [1.0, 1.0]  # Retry-After honoured
    assert sandbox.get("/stats")["answers"] == {"503": 2, "200": 1}


def test_429_and_dropped_connections_are_retried(sandbox, pki, year):
    sandbox.control(rate_limit_next=1, drop_next=1)
    with make_client(sandbox, pki) as client:
        assert client.fetch_export(year=year, kind="nomenclatures").read_bytes().startswith(b"PK")
    assert sandbox.get("/stats")["answers"] == {"dropped": 1, "429": 1, "200": 1}


def test_a_retry_after_beyond_the_cap_gives_up_at_once(sandbox, pki, year):
    sandbox.control(fail_next=5, retry_after=3600)
    sleeps: list[float] = []
    with make_client(sandbox, pki, sleeps=sleeps) as client, pytest.raises(PlatformUnavailable) as error:
        client.fetch_export(year=year, kind="eleves")
    assert sleeps == [] and "Réessayez dans 60 min" in error.value.message


def test_a_timeout_gives_up_after_the_bounded_retries(sandbox, pki, year):
    sandbox.control(latency=0.6)
    sleeps: list[float] = []
    retry = RetryPolicy(attempts=3, backoff=0.01)
    with make_client(sandbox, pki, timeout=0.15, retry=retry, sleeps=sleeps) as client:
        with pytest.raises(PlatformUnavailable) as error:
            client.fetch_export(year=year, kind="eleves")
    assert error.value.code == "delai_depasse"
    assert "ne répond pas" in error.value.message and "3 tentatives" in error.value.message
    assert sleeps == [0.01, 0.02]


def test_unreachable_platform_is_reported(pki, year, sandbox):
    with make_client(sandbox, pki) as client:
        client._http.base_url = "https://127.0.0.1:9"  # nothing listens on the discard port
        with pytest.raises(PlatformUnavailable) as error:
            client.fetch_export(year=year, kind="eleves")
    assert error.value.code == "injoignable" and "injoignable" in error.value.message


def test_an_expired_server_certificate_is_not_trusted(sandbox, pki, year):
    sandbox.control(expired_server_cert=True)
    with make_client(sandbox, pki) as client, pytest.raises(ServerNotTrusted) as error:
        client.fetch_export(year=year, kind="eleves")
    assert "a expiré" in error.value.message


@pytest.mark.parametrize(
    ("setup", "year_offset", "code"),
    [({}, 10, "annee_inconnue"), ({"no_export": [UAI]}, 0, "export_indisponible")],
)
def test_unknown_year_and_missing_export(sandbox, pki, year, setup, year_offset, code):
    if setup:
        sandbox.control(**setup)
    with make_client(sandbox, pki) as client, pytest.raises(NotFound) as error:
        client.fetch_export(year=year + year_offset, kind="eleves")
    assert error.value.code == code and error.value.message
