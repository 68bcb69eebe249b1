"""A versioned AES-256-GCM key ring for secrets at rest (CONVENTIONS.md §D.2). Pure Python.

The ring comes from one string, ``CERTIFICATE_KEYS``: comma-separated ``<key id>:<base64 32-byte key>``
entries, newest first. The newest key encrypts, every key decrypts, so rotating means prepending a new
entry, running ``certificate_rotate_keys``, then dropping the old entry once nothing uses it.

Stored blob format (all bytes)::

    version (1 byte, = 1) | key id length (1 byte) | key id (ASCII) | nonce (12 bytes) | ciphertext+tag

The associated data (AAD) is not stored: the caller rebuilds it from the row (see ``associated_data``),
so a blob copied onto another row fails to decrypt. The key id is clear text on purpose: it only says
which key to use and lets ``needs_rotation`` answer without any key.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class KeyRingError(ValueError):
    """The key ring setting is malformed. The message never contains key material."""


class DecryptionError(Exception):
    """A blob cannot be decrypted: unknown key id, bad format, or wrong key / associated data."""


@dataclass(frozen=True)
class KeyRing:
    """Keys newest first; ``repr`` hides the key bytes so a traceback never prints them."""

    keys: tuple[tuple[str, bytes], ...]

    def __repr__(self) -> str:
        return f"KeyRing(key_ids={self.key_ids!r})"

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(key_id for key_id, _ in self.keys)

    @property
    def current_key_id(self) -> str:
        return self.keys[0][0]

    def _key(self, key_id: str) -> bytes:
        for candidate, key in self.keys:
            if candidate == key_id:
                return key
        raise DecryptionError(f"Clé de chiffrement « {key_id} » absente du trousseau CERTIFICATE_KEYS.")

    def encrypt(self, plaintext: bytes, *, aad: bytes) -> bytes:
        key_id, key = self.keys[0]
        nonce = secrets.token_bytes(NONCE_BYTES)  # random per blob: never reused with the same key
        ciphertext = AESGCM(key).encrypt(nonce, plaintext, aad)
        encoded_id = key_id.encode("ascii")
        return bytes([FORMAT_VERSION, len(encoded_id)]) + encoded_id + nonce + ciphertext

    def decrypt(self, blob: bytes | memoryview, *, aad: bytes) -> bytes:
        key_id, nonce, ciphertext = _split(blob)
        try:
            return AESGCM(self._key(key_id)).decrypt(nonce, ciphertext, aad)
        except InvalidTag:
            raise DecryptionError(
                "Déchiffrement impossible : la donnée chiffrée ne correspond pas à cette ligne ou à cette clé."
            ) from None

    def needs_rotation(self, blob: bytes | memoryview) -> bool:
        return blob_key_id(blob) != self.current_key_id

    def rotate(self, blob: bytes | memoryview, *, aad: bytes) -> bytes:
        """Re-encrypt under the newest key (a fresh nonce too); a blob already there is returned as is."""
        if not self.needs_rotation(blob):
            return bytes(blob)
        return self.encrypt(self.decrypt(blob, aad=aad), aad=aad)


def blob_key_id(blob: bytes | memoryview) -> str:
    return _split(blob)[0]


def _split(blob: bytes | memoryview) -> tuple[str, bytes, bytes]:
    blob = bytes(blob)  # database drivers may hand back memoryview
    if len(blob) < 2 or blob[0] != FORMAT_VERSION:
        raise DecryptionError("Format de donnée chiffrée inconnu.")
    id_end = 2 + blob[1]
    if len(blob) < id_end + NONCE_BYTES + 16:
        raise DecryptionError("Donnée chiffrée tronquée.")
    try:
        key_id = blob[2:id_end].decode("ascii")
    except UnicodeDecodeError:
        raise DecryptionError("Format de donnée chiffrée inconnu.") from None
    return key_id, blob[id_end : id_end + NONCE_BYTES], blob[id_end + NONCE_BYTES :]


def parse_key_ring(value: str | None) -> KeyRing:
    """Parse ``CERTIFICATE_KEYS``; raise ``KeyRingError`` with a clear (secret-free) message."""
    entries = [entry.strip() for entry in (value or "").split(",") if entry.strip()]
    if not entries:
        raise KeyRingError("CERTIFICATE_KEYS is empty: expected '<key id>:<base64 32-byte key>' entries, newest first.")
    keys: list[tuple[str, bytes]] = []
    for position, entry in enumerate(entries, start=1):
        key_id, key = _parse_entry(entry, position)
        if key_id in dict(keys):
            raise KeyRingError(f"CERTIFICATE_KEYS entry {position}: key id {key_id!r} appears twice.")
        keys.append((key_id, key))
    return KeyRing(keys=tuple(keys))


def _parse_entry(entry: str, position: int) -> tuple[str, bytes]:
    key_id, separator, encoded = entry.partition(":")
    key_id, encoded = key_id.strip(), encoded.strip()
    if not separator or not _KEY_ID.match(key_id):
        raise KeyRingError(
            f"CERTIFICATE_KEYS entry {position}: expected '<key id>:<base64 key>' with a key id of "
            "1-32 letters, digits, '.', '_' or '-'."
        )
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise KeyRingError(f"CERTIFICATE_KEYS key {key_id!r}: the key is not valid base64.") from None
    if len(key) != KEY_BYTES:
        raise KeyRingError(
            f"CERTIFICATE_KEYS key {key_id!r}: the key must decode to {KEY_BYTES} bytes, not {len(key)}."
        )
    return key_id, key


def new_key_entry(key_id: str) -> str:
    """A fresh ``<key id>:<base64>`` entry, to prepend to ``CERTIFICATE_KEYS`` before a rotation."""
    if not _KEY_ID.match(key_id):
        raise KeyRingError("Key ids are 1-32 letters, digits, '.', '_' or '-'.")
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()}"


def associated_data(purpose: str, **parts: object) -> bytes:
    """Canonical AAD: the purpose and the row's identifying fields, serialised unambiguously."""
    return json.dumps([purpose, sorted((name, str(value)) for name, value in parts.items())]).encode()
