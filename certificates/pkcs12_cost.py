"""The key-derivation cost of a PKCS#12, read from its ASN.1 before anything is decrypted.

A PKCS#12 names its own PBKDF/PKCS#12-KDF iteration counts (the MAC's, and each encrypted bag's). A file
asking for 200 million iterations keeps a web worker busy for minutes before the password is even known to
be wrong, so the counts are read with asn1crypto (a pure-Python DER parser, no decryption) and capped.
"""

from __future__ import annotations

from collections.abc import Iterator

from asn1crypto import algos, cms
from asn1crypto import pkcs12 as asn1_pkcs12

# Real exports use 2,048 (OpenSSL, Windows) to a few hundred thousand (recent browsers) iterations.
MAX_KDF_ITERATIONS = 1_000_000
MAX_TOTAL_KDF_ITERATIONS = 2_000_000


class UnreadablePkcs12(ValueError):
    """The DER structure could not be read."""


def kdf_iterations(data: bytes) -> list[int]:
    """Every iteration count the file asks for (MAC first); ``UnreadablePkcs12`` if it cannot be parsed."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        counts = [int(pfx["mac_data"]["iterations"].native)] if pfx["mac_data"].native is not None else []
        counts.extend(_bag_iterations(pfx))
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        raise UnreadablePkcs12(str(exc)) from None
    return counts


def _bag_iterations(pfx: asn1_pkcs12.Pfx) -> Iterator[int]:
    for info in pfx.authenticated_safe:
        kind = info["content_type"].native
        if kind == "encrypted_data":
            yield _iterations(info["content"]["encrypted_content_info"]["content_encryption_algorithm"])
        elif kind == "data":
            yield from _shrouded_key_iterations(info["content"])


def _shrouded_key_iterations(content: cms.ContentInfo) -> Iterator[int]:
    for bag in asn1_pkcs12.SafeContents.load(content.native):
        if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
            yield _iterations(bag["bag_value"]["encryption_algorithm"])


def _iterations(algorithm: algos.EncryptionAlgorithm) -> int:
    return int(algorithm.kdf_iterations)


def kdf_cost_problem(data: bytes) -> int | None:
    """The offending count when the file asks for more key derivation than any real export does."""
    counts = kdf_iterations(data)
    worst = max(counts, default=0)
    if worst > MAX_KDF_ITERATIONS:
        return worst
    if sum(counts) > MAX_TOTAL_KDF_ITERATIONS:
        return sum(counts)
    return None
