"""The AES-256-GCM key ring: parsing, round trip, associated data, rotation."""

from __future__ import annotations

import base64

import pytest

from certificates.keyring import (
    FORMAT_VERSION,
    DecryptionError,
    KeyRingError,
    associated_data,
    blob_key_id,
    new_key_entry,
    parse_key_ring,
)

K1 = "k1:" + base64.b64encode(bytes(range(32))).decode()
K2 = "k2:" + base64.b64encode(bytes(range(32, 64))).decode()
AAD = associated_data("certificate.key", uai="0750654D", year=2026, id="abc")


def test_round_trip_with_newest_key_and_format() -> None:
    ring = parse_key_ring(f"{K2},{K1}")
    blob = ring.encrypt(b"secret key", aad=AAD)
    assert blob[0] == FORMAT_VERSION
    assert blob_key_id(blob) == "k2" and blob[2:4] == b"k2"
    assert b"secret key" not in blob
    assert ring.decrypt(blob, aad=AAD) == b"secret key"


def test_random_nonce_per_encryption() -> None:
    ring = parse_key_ring(K1)
    assert ring.encrypt(b"x", aad=AAD) != ring.encrypt(b"x", aad=AAD)


def test_other_associated_data_fails() -> None:
    ring = parse_key_ring(K1)
    blob = ring.encrypt(b"secret", aad=AAD)
    other_row = associated_data("certificate.key", uai="0751234J", year=2026, id="abc")
    with pytest.raises(DecryptionError):
        ring.decrypt(blob, aad=other_row)


def test_tampered_blob_fails() -> None:
    ring = parse_key_ring(K1)
    blob = bytearray(ring.encrypt(b"secret", aad=AAD))
    blob[-1] ^= 1
    with pytest.raises(DecryptionError):
        ring.decrypt(bytes(blob), aad=AAD)


@pytest.mark.parametrize("blob", [b"", b"\x02\x02k1" + bytes(40), b"\x01\x02k1" + bytes(5)])
def test_malformed_blob_fails(blob: bytes) -> None:
    with pytest.raises(DecryptionError):
        parse_key_ring(K1).decrypt(blob, aad=AAD)


def test_unknown_key_id_fails() -> None:
    blob = parse_key_ring(K2).encrypt(b"secret", aad=AAD)
    with pytest.raises(DecryptionError, match="k2"):
        parse_key_ring(K1).decrypt(blob, aad=AAD)


def test_rotation_moves_blob_to_newest_key_and_old_blobs_still_read() -> None:
    old_ring = parse_key_ring(K1)
    old_blob = old_ring.encrypt(b"secret", aad=AAD)
    ring = parse_key_ring(f"{K2},{K1}")
    assert ring.decrypt(old_blob, aad=AAD) == b"secret"
    assert ring.needs_rotation(old_blob)
    rotated = ring.rotate(old_blob, aad=AAD)
    assert blob_key_id(rotated) == "k2" and not ring.needs_rotation(rotated)
    assert parse_key_ring(K2).decrypt(rotated, aad=AAD) == b"secret"  # the old key can now be dropped
    assert ring.rotate(rotated, aad=AAD) is rotated


def test_memoryview_blob_is_accepted() -> None:
    ring = parse_key_ring(K1)
    assert ring.decrypt(memoryview(ring.encrypt(b"s", aad=AAD)), aad=AAD) == b"s"


def test_repr_hides_keys() -> None:
    ring = parse_key_ring(f"{K2},{K1}")
    assert repr(ring) == "KeyRing(key_ids=('k2', 'k1'))"
    assert ring.key_ids == ("k2", "k1") and ring.current_key_id == "k2"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty"),
        ("  , ", "empty"),
        ("k1", "expected"),
        ("k 1:" + K1.split(":")[1], "expected"),
        (":" + K1.split(":")[1], "expected"),
        ("k1:not base64!", "not valid base64"),
        ("k1:" + base64.b64encode(bytes(16)).decode(), "32 bytes, not 16"),
        (f"{K1},{K1}", "appears twice"),
    ],
)
def test_malformed_key_ring_is_a_clear_error(value: str, message: str) -> None:
    with pytest.raises(KeyRingError, match=message) as raised:
        parse_key_ring(value)
    assert K1.split(":")[1] not in str(raised.value)


def test_whitespace_tolerated_and_new_entry_parses() -> None:
    entry = new_key_entry("2026-11")
    ring = parse_key_ring(f" {entry} ,\n{K1} ")
    assert ring.key_ids == ("2026-11", "k1")


def test_associated_data_is_canonical() -> None:
    assert associated_data("p", a=1, b="x") == associated_data("p", b="x", a="1")
    assert associated_data("p", a="1,b") != associated_data("p", a="1", b="")
