"""Services: install/replace/delete/copy forward, nothing stored on refusal, rotation, row binding."""

from __future__ import annotations

import base64
import logging

import pytest
from cryptography.hazmat.primitives import hashes
from django.test import override_settings
from django_scopes import scopes_disabled

from audit.models import AuditEvent
from certificates import encryption
from certificates.keyring import DecryptionError, blob_key_id
from certificates.models import Certificate
from certificates.pkcs12 import MAX_P12_BYTES, CertificateError
from certificates.selectors import certificate_integrity_check, certificate_status
from certificates.services import (
    certificate_copy_forward,
    certificate_delete,
    certificate_install,
    certificate_rotate_keys,
)
from tests.certificates.django_helpers import YEAR, certificates, install

pytestmark = pytest.mark.django_db

NEW_KEY = "t3:" + base64.b64encode(bytes(range(100, 132))).decode()


@pytest.fixture(autouse=True)
def _no_scope():
    with scopes_disabled():
        yield


def events() -> list[tuple[str, str, int]]:
    journal = AuditEvent.objects.filter(kind__startswith="certificate.").order_by("at", "id")
    return [(e.kind.removeprefix("certificate."), e.uai, e.details["annee"]) for e in journal]


def test_install_stores_metadata_encrypted_blobs_and_an_event(cite_college, make_p12, admin_user) -> None:
    p12 = make_p12(cite_college.uai)
    certificate = install(cite_college, p12, actor=admin_user)
    assert certificate.fingerprint_sha256 == p12.certificate.fingerprint(hashes.SHA256()).hex()
    assert certificate.subject.startswith(f"CN={cite_college.uai}")
    assert bytes(certificate.encrypted_key)[0] == 1 and blob_key_id(certificate.encrypted_key) == "t2"
    key_pem, chain_pem = encryption.unseal(Certificate.objects.get(pk=certificate.pk))
    assert key_pem == p12.key_pem and chain_pem.startswith(b"-----BEGIN CERTIFICATE-----")
    event = AuditEvent.objects.get()
    assert (event.kind, event.uai, event.details["annee"], event.actor, event.actor_label) == (
        "certificate.added",
        cite_college.uai,
        YEAR,
        admin_user,
        "alice",
    )
    assert event.details["empreinte_sha256"] == certificate.fingerprint_sha256


def test_install_again_replaces_in_place(cite_college, make_p12) -> None:
    first = install(cite_college, make_p12(cite_college.uai))
    second = install(cite_college, make_p12(cite_college.uai))
    assert Certificate.objects.count() == 1 and second.pk == first.pk
    assert second.fingerprint_sha256 != first.fingerprint_sha256
    assert [e[0] for e in events()] == ["added", "replaced"]


@pytest.mark.parametrize(
    ("build", "password", "code"),
    [
        (lambda make, uai: b"x" * (MAX_P12_BYTES + 1), None, "too_large"),
        (lambda make, uai: b"not a pkcs12 file at all", None, "not_pkcs12"),
        (lambda make, uai: make(uai).data, "mauvais mot de passe", "wrong_password"),
        (lambda make, uai: make(uai, with_key=False).data, None, "no_private_key"),
        (lambda make, uai: make(uai, starts=5).data, None, "not_yet_valid"),
        (lambda make, uai: make(uai, starts=-300, ends=-1).data, None, "expired"),
        (lambda make, uai: make("0750654D").data, None, "wrong_uai"),
    ],
)
def test_every_refusal_stores_nothing(cite_college, make_p12, build, password, code) -> None:
    with pytest.raises(CertificateError) as raised:
        certificate_install(
            establishment=cite_college,
            school_year=YEAR,
            data=build(make_p12, cite_college.uai),
            password=password or "Cl3-certificat!",
        )
    assert raised.value.code == code
    assert Certificate.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_key_mismatch_stores_nothing(cite_college, mismatched_p12) -> None:
    with pytest.raises(CertificateError, match="ne correspond pas"):
        certificate_install(establishment=cite_college, school_year=YEAR, data=mismatched_p12.data, password="")
    assert Certificate.objects.count() == 0


def test_refused_replacement_keeps_the_previous_certificate(cite_college, make_p12) -> None:
    first = install(cite_college, make_p12(cite_college.uai))
    with pytest.raises(CertificateError):
        install(cite_college, make_p12(cite_college.uai, ends=-1, starts=-10))
    assert Certificate.objects.get().fingerprint_sha256 == first.fingerprint_sha256


def test_delete_records_the_event(cite_college, make_p12, admin_user) -> None:
    certificate = install(cite_college, make_p12(cite_college.uai))
    certificate_delete(certificate=certificate, actor=admin_user)
    assert Certificate.objects.count() == 0
    deleted = AuditEvent.objects.get(kind="certificate.deleted")
    assert deleted.details["empreinte_sha256"] == certificate.fingerprint_sha256 and deleted.actor == admin_user


def test_copy_forward_re_encrypts_for_the_new_row(cite_college, make_p12) -> None:
    previous = install(cite_college, make_p12(cite_college.uai), year=YEAR - 1)
    copied = certificate_copy_forward(establishment=cite_college, school_year=YEAR)
    assert copied.pk != previous.pk and copied.fingerprint_sha256 == previous.fingerprint_sha256
    assert bytes(copied.encrypted_key) != bytes(previous.encrypted_key)
    assert encryption.unseal(copied) == encryption.unseal(previous)
    assert events()[-1] == ("copied", cite_college.uai, YEAR)
    with pytest.raises(CertificateError) as again:
        certificate_copy_forward(establishment=cite_college, school_year=YEAR)
    assert again.value.code == "already_present"


def test_copy_forward_without_previous_year(cite_college) -> None:
    with pytest.raises(CertificateError) as raised:
        certificate_copy_forward(establishment=cite_college, school_year=YEAR)
    assert raised.value.code == "no_previous"


def test_blob_swapped_onto_another_row_fails(cite_college, cite_lycee, make_p12) -> None:
    college = install(cite_college, make_p12(cite_college.uai))
    lycee = install(cite_lycee, make_p12(cite_lycee.uai))
    Certificate.objects.filter(pk=lycee.pk).update(
        encrypted_key=college.encrypted_key, encrypted_chain=college.encrypted_chain
    )
    tampered = Certificate.objects.get(pk=lycee.pk)
    with pytest.raises(DecryptionError):
        encryption.unseal(tampered)
    assert certificate_integrity_check(tampered) is False
    assert certificate_status(Certificate.objects.get(pk=lycee.pk)).code == "unreadable"
    assert certificate_integrity_check(Certificate.objects.get(pk=college.pk)) is True
    assert certificate_status(Certificate.objects.get(pk=college.pk)).code == "valid"


def test_same_row_other_year_fails(cite_college, make_p12) -> None:
    """The year is part of the binding too: moving a row to another year makes it unreadable."""
    certificate = install(cite_college, make_p12(cite_college.uai))
    Certificate.objects.filter(pk=certificate.pk).update(school_year=YEAR + 1)
    assert certificate_integrity_check(Certificate.objects.get(pk=certificate.pk)) is False
    assert certificate_status(Certificate.objects.get(pk=certificate.pk)).code == "unreadable"


def test_key_blob_and_chain_blob_are_not_interchangeable(cite_college, make_p12) -> None:
    certificate = install(cite_college, make_p12(cite_college.uai))
    Certificate.objects.filter(pk=certificate.pk).update(
        encrypted_key=certificate.encrypted_chain, encrypted_chain=certificate.encrypted_key
    )
    with pytest.raises(DecryptionError):
        encryption.unseal(Certificate.objects.get(pk=certificate.pk))


def test_rotation_re_encrypts_under_the_newest_key_and_old_data_still_reads(
    cite_college, cite_lycee, make_p12, settings
) -> None:
    college = install(cite_college, make_p12(cite_college.uai))
    lycee = install(cite_lycee, make_p12(cite_lycee.uai))
    before = {c.pk: encryption.unseal(c) for c in certificates()}
    with override_settings(CERTIFICATE_KEYS=f"{NEW_KEY},{settings.CERTIFICATE_KEYS}"):
        assert {c.pk: encryption.unseal(c) for c in certificates()} == before  # old blobs still read
        summary = certificate_rotate_keys()
        assert summary == {"key_id": "t3", "total": 2, "rotated": 2, "already_current": 0, "failed": []}
        assert certificate_rotate_keys()["already_current"] == 2
        rotated = certificates()
    assert {blob_key_id(c.encrypted_key) for c in rotated} == {"t3"}
    assert {blob_key_id(c.encrypted_chain) for c in rotated} == {"t3"}
    with override_settings(CERTIFICATE_KEYS=NEW_KEY):  # the old keys can now be dropped
        assert {c.pk: encryption.unseal(c) for c in certificates()} == before
    assert sorted(e[0] for e in events() if e[0] == "rotated") == ["rotated", "rotated"]
    assert {college.pk, lycee.pk} == set(before)


def test_rotation_reports_unreadable_rows(cite_college, make_p12, settings) -> None:
    install(cite_college, make_p12(cite_college.uai))
    with override_settings(CERTIFICATE_KEYS=NEW_KEY):  # t2, the key used, is missing
        summary = certificate_rotate_keys()
    assert summary["rotated"] == 0 and summary["failed"][0]["uai"] == cite_college.uai


def test_password_and_key_never_logged(cite_college, make_p12, caplog) -> None:
    p12 = make_p12(cite_college.uai, password="Motdepasse-Tres-Secret-42")
    caplog.set_level(logging.DEBUG)
    install(cite_college, p12)
    with pytest.raises(CertificateError):
        certificate_install(establishment=cite_college, school_year=YEAR, data=p12.data, password="Faux-Secret-99")
    text = caplog.text
    assert "Motdepasse-Tres-Secret-42" not in text and "Faux-Secret-99" not in text
    assert not any(line in text for line in p12.pem_body_lines)
