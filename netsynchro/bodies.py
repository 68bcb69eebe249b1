"""Reading answer bodies within bounds: exports are streamed to a private temporary file, never held in
memory; JSON answers are read up to a small cap. Sizes are checked against ``Content-Length`` before reading
and counted again while reading (the header can lie or be absent)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from netsynchro.errors import AnswerTooLarge, ExportTooLarge, ProtocolError

CHUNK_BYTES = 64 * 1024
ZIP_MAGIC = b"PK"
MiB = 1024 * 1024


@dataclass(frozen=True)
class StoredBody:
    path: Path
    size: int
    sha256: str


def declared_length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def read_bounded(response: httpx.Response, max_bytes: int) -> bytes:
    """The whole body of a small answer (JSON, error); ``AnswerTooLarge`` beyond ``max_bytes``."""
    declared = declared_length(response)
    if declared is not None and declared > max_bytes:
        raise AnswerTooLarge(max_bytes)
    body = bytearray()
    for chunk in response.iter_bytes(CHUNK_BYTES):
        body += chunk
        if len(body) > max_bytes:
            raise AnswerTooLarge(max_bytes)
    return bytes(body)


def stream_to_file(response: httpx.Response, *, max_bytes: int, directory: str | Path | None) -> StoredBody:
    """Write the export into a new file of ``directory`` (mode 0600, hidden ``.part`` name); on any failure
    the file is deleted before the error goes up."""
    declared = declared_length(response)
    if declared is not None and declared > max_bytes:
        raise ExportTooLarge(_mib(max_bytes))
    descriptor, name = tempfile.mkstemp(dir=directory, prefix=".netsynchro-", suffix=".part")  # 0600
    path = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            size, digest = _copy(response, handle, max_bytes)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return StoredBody(path, size, digest)


def _copy(response: httpx.Response, handle: BinaryIO, max_bytes: int) -> tuple[int, str]:
    size, digest, head = 0, hashlib.sha256(), b""
    for chunk in response.iter_bytes(CHUNK_BYTES):
        if len(head) < len(ZIP_MAGIC):
            head = (head + chunk)[: len(ZIP_MAGIC)]
            _check_zip_magic(head)
        size += len(chunk)
        if size > max_bytes:
            raise ExportTooLarge(_mib(max_bytes))
        digest.update(chunk)
        handle.write(chunk)
    if size < len(ZIP_MAGIC):
        raise ProtocolError("La plateforme NetSynchro a renvoyé un export vide ou tronqué.")
    return size, digest.hexdigest()


def _check_zip_magic(head: bytes) -> None:
    if head != ZIP_MAGIC[: len(head)]:
        raise ProtocolError("La plateforme NetSynchro a renvoyé un export qui n'est pas un fichier zip.")


def _mib(max_bytes: int) -> str:
    return f"{max_bytes / MiB:.0f} Mo" if max_bytes >= MiB else f"{max_bytes} octets"
