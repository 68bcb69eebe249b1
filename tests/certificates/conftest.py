"""Fixtures for the certificates tests: a test PKI and PKCS#12 builders. No Django import here: the pure
tests run alone with ``-p no:django --confcutdir=tests/certificates``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from certificates.pki import (
    Issuer,
    PrivateKey,
    client_subject,
    generate_test_pki,
    issue_certificate,
    make_ca,
    new_private_key,
)
from tests.certificates.helpers import P12, PKI_UAIS, UAI_A


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return generate_test_pki(tmp_path_factory.mktemp("pki"), PKI_UAIS, key_type="rsa")


@pytest.fixture(scope="session")
def test_ca() -> Issuer:
    return make_ca("Tests AC", now=datetime.now(UTC), key_type="ec")


@pytest.fixture(scope="session")
def make_p12(test_ca: Issuer) -> Callable[..., P12]:
    """Build a PKCS#12: ``uai`` (subject CN) or ``subject``; validity offsets in days from now."""

    def build(
        uai: str | None = UAI_A,
        *,
        subject: x509.Name | None = None,
        password: str = "Cl3-certificat!",
        starts: int = -1,
        ends: int = 400,  # beyond the end of the current school year: plainly « valide »
        with_key: bool = True,
        with_cert: bool = True,
    ) -> P12:
        now = datetime.now(UTC)
        key = new_private_key("ec")
        certificate = issue_certificate(
            test_ca,
            subject=subject or client_subject(uai or ""),
            public_key=key.public_key(),
            not_before=now + timedelta(days=starts),
            not_after=now + timedelta(days=ends),
        )
        data = pkcs12.serialize_key_and_certificates(
            name=b"test",
            key=key if with_key else None,
            cert=certificate if with_cert else None,
            cas=[test_ca.certificate] if with_cert else None,
            encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
        )
        return P12(data=data, password=password, key=key, certificate=certificate)

    return build


@pytest.fixture(scope="session")
def mismatched_p12(test_ca: Issuer) -> P12:
    """A PKCS#12 whose key is not the certificate's: cryptography refuses to write one, so build a
    matching unencrypted file without MAC, then swap the certificate for one of the same DER length."""
    now = datetime.now(UTC)

    def pair() -> tuple[PrivateKey, x509.Certificate, bytes]:
        key = new_private_key("rsa")
        cert = issue_certificate(
            test_ca,
            subject=client_subject(UAI_A),
            public_key=key.public_key(),
            not_before=now - timedelta(days=1),
            not_after=now + timedelta(days=100),
        )
        return key, cert, cert.public_bytes(serialization.Encoding.DER)

    key, cert, der = pair()
    for _ in range(50):
        _, other, other_der = pair()
        if len(other_der) == len(der):
            break
    else:  # pragma: no cover - 50 misses in a row is practically impossible
        pytest.fail("could not build two certificates of equal length")
    matching = pkcs12.serialize_key_and_certificates(b"t", key, cert, None, serialization.NoEncryption())
    swapped = _strip_mac(matching).replace(der, other_der)
    return P12(data=swapped, password="", key=key, certificate=other)


def _strip_mac(pfx: bytes) -> bytes:
    start, _ = _tlv(pfx, 0)
    _, version_end = _tlv(pfx, start)
    _, auth_safe_end = _tlv(pfx, version_end)
    body = pfx[start:auth_safe_end]
    return b"\x30" + _der_length(len(body)) + body


def _tlv(data: bytes, offset: int) -> tuple[int, int]:
    length, cursor = data[offset + 1], offset + 2
    if length & 0x80:
        size = length & 0x7F
        length, cursor = int.from_bytes(data[cursor : cursor + size], "big"), cursor + size
    return cursor, cursor + length


def _der_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    encoded = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(encoded)]) + encoded
