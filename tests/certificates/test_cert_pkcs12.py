"""Every upload check of ``load_pkcs12``: each refusal has its code and a French message."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from certificates.pkcs12 import MAX_P12_BYTES, CertificateError, load_pkcs12, subject_uais
from certificates.pki import with_mac_iterations
from tests.certificates.helpers import UAI_A, UAI_B


def refusal(data: bytes, password: str, uai: str | None = UAI_A) -> CertificateError:
    with pytest.raises(CertificateError) as raised:
        load_pkcs12(data, password, expected_uai=uai)
    return raised.value


def test_valid_certificate_gives_metadata_key_and_chain(make_p12) -> None:
    p12 = make_p12(UAI_A)
    loaded = load_pkcs12(p12.data, p12.password, expected_uai=UAI_A)
    meta = loaded.metadata
    assert meta.subject == p12.certificate.subject.rfc4514_string() and "CN=0750654D" in meta.subject
    assert meta.issuer == "CN=Tests AC,O=NetSynchro Portal (test),C=FR"
    assert meta.serial == format(p12.certificate.serial_number, "X")
    assert meta.fingerprint_sha256 == p12.certificate.fingerprint(hashes.SHA256()).hex()
    assert len(meta.fingerprint_sha256) == 64 and ":" not in meta.fingerprint_sha256
    assert meta.not_after == p12.certificate.not_valid_after_utc and meta.not_after.tzinfo is not None
    assert meta.uais == (UAI_A,)
    assert loaded.key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    chain = x509.load_pem_x509_certificates(loaded.chain_pem)
    assert chain[0] == p12.certificate and len(chain) == 2
    assert "key_pem" not in repr(loaded) or "BEGIN" not in repr(loaded)


def test_too_large(make_p12) -> None:
    error = refusal(b"0" * (MAX_P12_BYTES + 1), "x")
    assert error.code == "too_large" and "64 Kio" in error.message


@pytest.mark.parametrize("data", [b"", b"hello world, not a certificate", b"%PDF-1.7\n" + bytes(100)])
def test_not_pkcs12(data: bytes) -> None:
    assert refusal(data, "x").code == "not_pkcs12"


def test_pem_certificate_is_not_pkcs12(make_p12) -> None:
    pem = make_p12().certificate.public_bytes(serialization.Encoding.PEM)
    error = refusal(pem, "x")
    assert error.code == "not_pkcs12" and "PKCS#12" in error.message


def test_wrong_password(make_p12) -> None:
    p12 = make_p12(password="la-bonne")
    error = refusal(p12.data, "la-mauvaise")
    assert error.code == "wrong_password" and error.message.startswith("La clé certificat est incorrecte")
    assert "la-mauvaise" not in error.message and "la-bonne" not in error.message


def test_no_private_key(make_p12) -> None:
    assert refusal(make_p12(with_key=False).data, "Cl3-certificat!").code == "no_private_key"


def test_no_certificate(make_p12) -> None:
    assert refusal(make_p12(with_cert=False).data, "Cl3-certificat!").code == "no_certificate"


def test_key_and_certificate_do_not_match(mismatched_p12) -> None:
    error = refusal(mismatched_p12.data, "")
    assert error.code == "key_mismatch" and "ne correspond pas" in error.message


def test_loader_pairing_a_foreign_key_is_refused(make_p12, monkeypatch) -> None:
    """Defence in depth: even if a loader paired a key with another certificate, the check catches it."""
    p12, other = make_p12(), make_p12()
    monkeypatch.setattr(
        "certificates.pkcs12.pkcs12.load_key_and_certificates", lambda data, password: (other.key, p12.certificate, [])
    )
    assert refusal(p12.data, p12.password).code == "key_mismatch"


def test_not_yet_valid(make_p12) -> None:
    error = refusal(make_p12(starts=3, ends=300).data, "Cl3-certificat!")
    assert error.code == "not_yet_valid" and "pas encore valide" in error.message


def test_expired(make_p12) -> None:
    error = refusal(make_p12(starts=-400, ends=-2).data, "Cl3-certificat!")
    assert error.code == "expired" and error.message.startswith("Ce certificat a expiré le ")


def test_now_can_be_given(make_p12) -> None:
    p12 = make_p12(ends=10)
    later = datetime.now(UTC) + timedelta(days=11)
    with pytest.raises(CertificateError, match="expiré"):
        load_pkcs12(p12.data, p12.password, now=later)


def test_subject_naming_another_uai(make_p12) -> None:
    error = refusal(make_p12(UAI_B).data, "Cl3-certificat!", uai=UAI_A)
    assert error.code == "wrong_uai" and UAI_A in error.message and UAI_B in error.message


def test_uai_in_any_attribute_counts(make_p12) -> None:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Lycée Louis-le-Grand"),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, f"ce.{UAI_B.lower()}@ac-paris.fr"),
        ]
    )
    p12 = make_p12(subject=subject)
    assert refusal(p12.data, p12.password, uai=UAI_A).code == "wrong_uai"
    assert load_pkcs12(p12.data, p12.password, expected_uai=UAI_B).metadata.uais == (UAI_B,)


def test_it_refuses_a_certificate_naming_no_uai(make_p12) -> None:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Etablissement testeur 1234567")])
    p12 = make_p12(subject=subject)
    error = refusal(p12.data, p12.password, uai=UAI_A)
    assert error.code == "no_uai" and "ne mentionne aucun UAI" in error.message and UAI_A in error.message


def test_it_refuses_a_certificate_naming_another_uai_beside_the_right_one(make_p12) -> None:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, UAI_A),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, f"ce.{UAI_B.lower()}@ac-paris.fr"),
        ]
    )
    p12 = make_p12(subject=subject)
    error = refusal(p12.data, p12.password, uai=UAI_A)
    assert error.code == "several_uais" and f"aussi l'établissement {UAI_B} en plus de {UAI_A}" in error.message


def test_it_reads_a_certificate_without_an_establishment_to_match(make_p12) -> None:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Etablissement testeur 1234567")])
    p12 = make_p12(subject=subject)
    assert load_pkcs12(p12.data, p12.password, expected_uai=None).metadata.uais == ()


@pytest.mark.parametrize("iterations", [1_500_000, 200_000_000])
def test_it_refuses_an_absurd_key_derivation_cost_before_decrypting(make_p12, iterations) -> None:
    p12 = make_p12()
    started = time.monotonic()
    error = refusal(with_mac_iterations(p12.data, iterations), p12.password)
    assert time.monotonic() - started < 0.5  # nothing was derived
    assert error.code == "kdf_too_costly" and "refusé par sécurité" in error.message
    assert f"{iterations:,}".replace(",", " ") in error.message


def test_it_accepts_the_usual_key_derivation_costs(make_p12) -> None:
    p12 = make_p12()
    costly = serialization.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(200_000).build(p12.password.encode())
    data = pkcs12.serialize_key_and_certificates(b"t", p12.key, p12.certificate, None, costly)
    assert load_pkcs12(data, p12.password, expected_uai=UAI_A).metadata.uais == (UAI_A,)


def test_invalid_check_letter_is_not_a_uai() -> None:
    name = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, "UAI 0750654E"), x509.NameAttribute(NameOID.SERIAL_NUMBER, "0750654d")]
    )
    assert subject_uais(name) == (UAI_A,)


def test_legacy_triple_des_export_loads(make_p12) -> None:
    p12 = make_p12()
    legacy = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
        .hmac_hash(hashes.SHA1())
        .build(b"ancien")
    )
    data = pkcs12.serialize_key_and_certificates(b"old", p12.key, p12.certificate, None, legacy)
    assert load_pkcs12(data, "ancien", expected_uai=UAI_A).metadata.uais == (UAI_A,)


def test_pki_client_and_variants(pki) -> None:
    from pathlib import Path

    client = pki["clients"][0]
    loaded = load_pkcs12(Path(client["file"]).read_bytes(), client["password"], expected_uai=client["uai"])
    assert loaded.metadata.uais == (client["uai"],)
    codes = {}
    for variant in pki["variants"]:
        if variant["uai"] != client["uai"]:
            continue
        try:
            load_pkcs12(Path(variant["file"]).read_bytes(), variant["password"], expected_uai=variant["uai"])
            codes[variant["kind"]] = "ok"
        except CertificateError as error:
            codes[variant["kind"]] = error.code
    assert codes == {"expired": "expired", "wrong_uai": "wrong_uai", "other_ca": "ok"}
