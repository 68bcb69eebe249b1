"""The certificates' secrets at rest: the key ring from settings and the row-bound associated data.

Each blob's AAD names its part (key or chain), the certificate id, the establishment id and the school
year, so a blob copied onto another row, or the key blob swapped with the chain blob, fails to decrypt.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from certificates.keyring import KeyRing, associated_data, parse_key_ring
from certificates.models import Certificate

KEY_PART = "key"
CHAIN_PART = "chain"


def key_ring() -> KeyRing:
    return _parsed(settings.CERTIFICATE_KEYS)


@lru_cache(maxsize=4)
def _parsed(value: str) -> KeyRing:
    return parse_key_ring(value)


def blob_aad(certificate: Certificate, part: str) -> bytes:
    return associated_data(
        f"netsynchro-certificate/{part}",
        certificate=certificate.pk,
        establishment=certificate.establishment_id,
        school_year=certificate.school_year,
    )


def seal(certificate: Certificate, *, key_pem: bytes, chain_pem: bytes) -> None:
    """Encrypt the key and the chain onto ``certificate`` (not saved) under the newest key."""
    ring = key_ring()
    certificate.encrypted_key = ring.encrypt(key_pem, aad=blob_aad(certificate, KEY_PART))
    certificate.encrypted_chain = ring.encrypt(chain_pem, aad=blob_aad(certificate, CHAIN_PART))


def unseal(certificate: Certificate) -> tuple[bytes, bytes]:
    """``(key_pem, chain_pem)``; raises ``certificates.keyring.DecryptionError``. Keep the result short-lived."""
    ring = key_ring()
    key_pem = ring.decrypt(certificate.encrypted_key, aad=blob_aad(certificate, KEY_PART))
    chain_pem = ring.decrypt(certificate.encrypted_chain, aad=blob_aad(certificate, CHAIN_PART))
    return key_pem, chain_pem


def needs_rotation(certificate: Certificate) -> bool:
    ring = key_ring()
    return ring.needs_rotation(certificate.encrypted_key) or ring.needs_rotation(certificate.encrypted_chain)


def rotate(certificate: Certificate) -> None:
    """Re-encrypt both blobs under the newest key (not saved)."""
    ring = key_ring()
    certificate.encrypted_key = ring.rotate(certificate.encrypted_key, aad=blob_aad(certificate, KEY_PART))
    certificate.encrypted_chain = ring.rotate(certificate.encrypted_chain, aad=blob_aad(certificate, CHAIN_PART))
