"""Hostile export bodies for the sandbox's fault injection: what a compromised or broken platform could
serve instead of a SIECLE export. Each is built in memory once per process; a huge body is a generator."""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterator

from netsynchro.sandbox.exports import GENERATOR_NAMES

HOSTILE_EXPORTS = ("zip_bomb", "doctype")
_ROOTS = {"eleves": "BEE_ELEVES", "responsables": "BEE_RESPONSABLES", "nomenclatures": "BEE_NOMENCLATURES"}
_BOMB_PADDING = 16 * 1024 * 1024  # deflates about 1000:1, far beyond any real export's ratio
_CHUNK = 64 * 1024


@functools.cache
def hostile_zip(name: str, kind: str) -> bytes:
    """The zip ``name`` (one of ``HOSTILE_EXPORTS``) for ``kind``, with the member name a real export has."""
    root = _ROOTS.get(kind, "BEE_STRUCTURES")
    head = b'<?xml version="1.0" encoding="ISO-8859-15"?>\n'
    if name == "zip_bomb":
        xml = head + f"<{root}>".encode() + b" " * _BOMB_PADDING + f"</{root}>".encode()
    elif name == "doctype":
        xml = head + f'<!DOCTYPE {root} [<!ENTITY lol "lol">]>\n<{root}>&lol;</{root}>'.encode()
    else:
        raise ValueError(f"unknown hostile export {name!r} (known: {', '.join(HOSTILE_EXPORTS)})")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(f"{GENERATOR_NAMES[kind]}.xml", xml)
    return buffer.getvalue()


def huge_body(size: int) -> Iterator[bytes]:
    """``size`` bytes that start like a zip, produced chunk by chunk (never held in memory)."""
    first = b"PK\x03\x04" + bytes(_CHUNK - 4)
    sent = 0
    while sent < size:
        chunk = first if sent == 0 else bytes(_CHUNK)
        chunk = chunk[: size - sent]
        sent += len(chunk)
        yield chunk
