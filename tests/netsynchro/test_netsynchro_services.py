"""The services and ``netsynchro_fetch`` with a certificate stored through the certificates app."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from certificates.selectors import clear_ssl_context_cache
from certificates.services import certificate_install
from netsynchro import services
from netsynchro.errors import CertificateRefused, NotConfigured
from siecle.formats import ExportKind, read_export
from tests.commands import run_json_command
from tests.netsynchro.helpers import UAI, client_entry, import_eleves, variant_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(settings, sandbox, pki):
    settings.NETSYNCHRO_URL = sandbox.url
    settings.NETSYNCHRO_CA_FILE = pki["ca"]
    settings.NETSYNCHRO_RETRY_BACKOFF = 0.01
    settings.NETSYNCHRO_POLL_INTERVAL = 0.05
    clear_ssl_context_cache()
    yield sandbox
    clear_ssl_context_cache()


def install(establishment, year: int, entry: dict) -> None:
    data = Path(entry["file"]).read_bytes()
    with scopes_disabled():  # as the install command does, after resolving the establishment
        certificate_install(
            establishment=establishment, school_year=year, data=data, password=entry["password"], actor_label="tests"
        )


def run_fetch(*args: str) -> tuple[int, dict]:
    return run_json_command("netsynchro_fetch", *args)


def test_fetch_exports_to_saves_the_four_zips(platform, pki, cite_college, year, tmp_path):
    install(cite_college, year, client_entry(pki))
    paths = services.fetch_exports_to(establishment=cite_college, year=year, out_dir=tmp_path)
    assert sorted(p.name for p in paths.values()) == [
        "ExportXML_ElevesAvecAdresses.zip",
        "ExportXML_Nomenclature.zip",
        "ExportXML_ResponsablesAvecAdresses.zip",
        "ExportXML_Structures.zip",
    ]
    assert read_export(paths["responsables"]).envelope.kind is ExportKind.RESPONSABLES
    assert not list(tmp_path.glob(".netsynchro-*"))


def test_deposit_file_waits_for_the_final_status(platform, pki, cite_college, year):
    install(cite_college, year, client_entry(pki))
    deposit = services.deposit_file(
        establishment=cite_college,
        year=year,
        destination="siecle-bee",
        content=import_eleves(UAI, year),
        filename="groupes.xml",
        timeout=5,
    )
    assert deposit.status == "integre"
    again = services.deposit_status(establishment=cite_college, year=year, deposit_id=deposit.id)
    assert again.status == "integre"


def test_without_certificate_the_service_says_so(platform, cite_college, year):
    with pytest.raises(NotConfigured) as error:
        services.fetch_export(establishment=cite_college, year=year, kind="eleves")
    assert "Aucun certificat NetSynchro n'est installé" in error.value.message


def test_a_certificate_from_another_ca_is_refused(platform, pki, cite_college, year):
    install(cite_college, year, variant_entry(pki, "other_ca"))
    with pytest.raises(CertificateRefused) as error:
        services.fetch_export(establishment=cite_college, year=year, kind="eleves")
    assert "autorité reconnue" in error.value.message


def test_the_command_saves_the_zip_and_prints_json(platform, pki, cite_college, year, tmp_path):
    install(cite_college, year, client_entry(pki))
    code, printed = run_fetch("--uai", UAI, "--year", str(year), "--kind", "eleves", "--out", str(tmp_path))
    assert code == 0
    assert printed == {
        "uai": UAI,
        "year": year,
        "kind": "eleves",
        "file": str(tmp_path / "ExportXML_ElevesAvecAdresses.zip"),
        "bytes": (tmp_path / "ExportXML_ElevesAvecAdresses.zip").stat().st_size,
    }


@pytest.mark.parametrize(
    ("situation", "words"),
    [
        ("no_certificate", "Aucun certificat NetSynchro n'est installé pour 0691234S"),
        ("unreachable", "injoignable"),
        ("refused", "a refusé le certificat"),
        ("unknown_uai", "Établissement inconnu"),
        ("not_configured", "n'est pas configurée"),
    ],
)
def test_the_command_refuses_in_clear_french(platform, settings, pki, cite_college, year, tmp_path, situation, words):
    uai = UAI
    if situation == "unreachable":
        install(cite_college, year, client_entry(pki))
        settings.NETSYNCHRO_URL = "https://127.0.0.1:9"
    elif situation == "refused":
        install(cite_college, year, variant_entry(pki, "other_ca"))
    elif situation == "unknown_uai":
        uai = "0750654D"
    elif situation == "not_configured":
        settings.NETSYNCHRO_URL = ""
    code, printed = run_fetch("--uai", uai, "--year", str(year), "--kind", "eleves", "--out", str(tmp_path))
    assert code == 1 and list(printed) == ["error"]
    assert words in printed["error"], printed
    assert not list(tmp_path.iterdir())
