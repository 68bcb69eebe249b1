"""``certificate_ssl_context``: the stored certificate of a UAI and year, presented in a real handshake."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from certificates.models import Certificate
from certificates.selectors import CertificateUnavailable, certificate_ssl_context, clear_ssl_context_cache
from certificates.services import certificate_install
from tests.certificates.django_helpers import YEAR
from tests.certificates.tls_server import MutualTLSServer, talk

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cite_pki(tmp_path_factory):
    from certificates.pki import generate_test_pki

    return generate_test_pki(tmp_path_factory.mktemp("cite-pki"), ["0691234S", "0691235T"], key_type="ec")


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_ssl_context_cache()
    yield
    clear_ssl_context_cache()


def install_client(establishment, entry: dict) -> Certificate:
    with scopes_disabled():
        return certificate_install(
            establishment=establishment,
            school_year=YEAR,
            data=Path(entry["file"]).read_bytes(),
            password=entry["password"],
        )


def test_context_presents_the_establishment_certificate(cite_pki, cite_college, cite_lycee) -> None:
    install_client(cite_college, cite_pki["clients"][0])
    install_client(cite_lycee, cite_pki["clients"][1])
    for establishment in (cite_college, cite_lycee):
        context = certificate_ssl_context(establishment=establishment, year=YEAR, cafile=cite_pki["ca"])
        server = MutualTLSServer(cert=cite_pki["server_cert"], key=cite_pki["server_key"], client_ca=cite_pki["ca"])
        with server:
            assert talk(context, server.port) == b"ok"
        assert server.result.peer_subject["commonName"] == establishment.uai


def test_context_is_cached_until_the_certificate_changes(cite_pki, cite_college) -> None:
    install_client(cite_college, cite_pki["clients"][0])
    first = certificate_ssl_context(establishment=cite_college, year=YEAR, cafile=cite_pki["ca"])
    assert certificate_ssl_context(establishment=cite_college, year=YEAR, cafile=cite_pki["ca"]) is first
    install_client(
        cite_college,
        cite_pki["clients"][0]
        | {"file": cite_pki["variants"][2]["file"], "password": cite_pki["variants"][2]["password"]},
    )
    assert certificate_ssl_context(establishment=cite_college, year=YEAR, cafile=cite_pki["ca"]) is not first


def test_no_certificate_expired_or_unreadable_is_a_clear_error(cite_pki, cite_college, cite_lycee) -> None:
    with pytest.raises(CertificateUnavailable, match="Aucun certificat NetSynchro"):
        certificate_ssl_context(establishment=cite_college, year=YEAR, cafile=cite_pki["ca"])
    college = install_client(cite_college, cite_pki["clients"][0])
    install_client(cite_lycee, cite_pki["clients"][1])
    with scopes_disabled():
        Certificate.objects.filter(establishment=cite_lycee).update(encrypted_key=college.encrypted_key)
    with pytest.raises(CertificateUnavailable, match="illisible"):
        certificate_ssl_context(establishment=cite_lycee, year=YEAR, cafile=cite_pki["ca"])
    with scopes_disabled():
        Certificate.objects.filter(pk=college.pk).update(not_after=college.not_before)
    with pytest.raises(CertificateUnavailable, match="expiré"):
        certificate_ssl_context(establishment=cite_college, year=YEAR, cafile=cite_pki["ca"])
