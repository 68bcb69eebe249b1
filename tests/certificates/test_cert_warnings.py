"""Upload warnings (issuer, replacement), the school-year expiry warning, no decryption to render the list,
and the establishment's home: what needs doing, in words that match the role."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

import pytest
from cryptography.hazmat.primitives import serialization
from django.urls import reverse
from django_scopes import scopes_disabled

from certificates.pki import make_ca
from tests.certificates.django_helpers import certificates, install
from tests.certificates.test_cert_views import upload, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_authority(settings, tmp_path):
    """NetSynchro's client authority is another CA than the one that issued the test files."""
    authority = make_ca("AC NetSynchro", now=datetime.now(UTC), key_type="ec")
    path = tmp_path / "ac-netsynchro.pem"
    path.write_bytes(authority.certificate.public_bytes(serialization.Encoding.PEM))
    settings.NETSYNCHRO_CLIENT_CA_FILE = str(path)


@pytest.fixture
def own_authority(settings, tmp_path, test_ca):
    path = tmp_path / "ac.pem"
    path.write_bytes(test_ca.certificate.public_bytes(serialization.Encoding.PEM))
    settings.NETSYNCHRO_CLIENT_CA_FILE = str(path)


def test_a_certificate_of_another_authority_is_not_saved_without_confirmation(
    foreign_authority, client_for, admin_user, cite_college, make_p12
):
    response = client_for(admin_user).post(
        url("add", cite_college), upload(make_p12(cite_college.uai), cite_college.uai)
    )
    page = response.content.decode()
    assert response.status_code == 200 and "autorité des certificats NetSynchro" in page and not certificates()


def test_a_confirmed_certificate_of_another_authority_is_saved(
    foreign_authority, client_for, admin_user, cite_college, make_p12
):
    data = {**upload(make_p12(cite_college.uai), cite_college.uai), "confirm_issuer": "on"}
    assert client_for(admin_user).post(url("add", cite_college), data).status_code == 302 and len(certificates()) == 1


def test_a_certificate_of_the_authority_is_saved_without_warning(
    own_authority, client_for, admin_user, cite_college, make_p12
):
    response = client_for(admin_user).post(
        url("add", cite_college), upload(make_p12(cite_college.uai), cite_college.uai)
    )
    assert response.status_code == 302


def test_ajouter_over_an_installed_certificate_asks_for_confirmation(client_for, admin_user, cite_college, make_p12):
    first = install(cite_college, make_p12(cite_college.uai))
    response = client_for(admin_user).post(
        url("add", cite_college), upload(make_p12(cite_college.uai), cite_college.uai)
    )
    assert "Un certificat est déjà installé" in response.content.decode()
    assert [c.fingerprint_sha256 for c in certificates()] == [first.fingerprint_sha256]


def test_a_confirmed_ajouter_replaces_the_certificate(client_for, admin_user, cite_college, make_p12):
    first = install(cite_college, make_p12(cite_college.uai))
    data = {**upload(make_p12(cite_college.uai), cite_college.uai), "confirm_replace": "on"}
    client_for(admin_user).post(url("add", cite_college), data)
    assert certificates()[0].fingerprint_sha256 != first.fingerprint_sha256


def test_a_certificate_expiring_during_the_year_gets_a_warning_with_its_date(
    client_for, admin_user, cite_college, make_p12
):
    p12 = make_p12(cite_college.uai, ends=100)
    install(cite_college, p12)
    page = client_for(admin_user).get(url("manage", cite_college)).content.decode()
    day = f"{p12.certificate.not_valid_after_utc:%m/%Y}"
    assert 'data-status="expires_in_year"' in page and "avant la fin de" in page and day in page


def test_the_list_never_decrypts_a_private_key(client_for, admin_user, cite_college, cite_lycee, make_p12):
    install(cite_college, make_p12(cite_college.uai))
    install(cite_lycee, make_p12(cite_lycee.uai))
    with mock.patch("certificates.keyring.KeyRing.decrypt", side_effect=AssertionError("key decrypted")) as decrypt:
        response = client_for(admin_user).get(url("manage", cite_college))
    assert response.status_code == 200 and decrypt.call_count == 0


def test_the_home_says_a_certificate_is_missing(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).content.decode()
    assert "installé pour 0691234S" in page


def test_the_home_says_no_import_was_made_this_year(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).content.decode()
    assert "Aucun import SIECLE pour" in page


def test_the_home_says_the_certificate_expires_soon(client_for, admin_user, cite_college, make_p12):
    install(cite_college, make_p12(cite_college.uai, ends=10))
    page = client_for(admin_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).content.decode()
    assert "expire dans" in page and "remplacez-le" in page


def test_a_concepteurs_home_does_not_promise_to_add_modify_delete(client_for, concepteur_user, cite_college):
    page = client_for(concepteur_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    assert "ajouter, modifier, supprimer" not in page.content.decode()


def test_an_administrateurs_home_offers_to_manage(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    assert "ajouter, modifier, supprimer" in page.content.decode()


def test_the_list_row_keeps_the_stored_integrity(cite_college, make_p12):
    certificate = install(cite_college, make_p12(cite_college.uai))
    with scopes_disabled():
        assert certificate.integrity_ok and certificate.integrity_checked_at is not None


def test_an_upload_expiring_during_the_year_is_saved_with_a_warning(client_for, admin_user, cite_college, make_p12):
    client = client_for(admin_user)
    response = client.post(url("add", cite_college), upload(make_p12(cite_college.uai, ends=100), cite_college.uai))
    page = client.get(response["Location"]).content.decode()
    assert "Attention : ce certificat est valide, mais expire le" in page and len(certificates()) == 1
