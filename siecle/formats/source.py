"""Turn a source (bytes, path, binary file; plain XML or zip) into a guarded XML byte stream.

The zip rules follow FORMATS-SIECLE-BEE.md §1 and §8.13: exactly one ``.xml`` member once
``__MACOSX/`` and dot-files are set aside; a member name with ``..`` or an absolute path refuses
the whole file; the declared size and ratio are checked before inflating, and the bytes actually
read are counted again while parsing (the declared size can lie).
"""

from __future__ import annotations

import errno
import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Union, cast

from siecle.formats.issues import FormatError
from siecle.formats.limits import Limits
from siecle.formats.sniffing import Sniffed, sniff_head, telltales

Source = Union[bytes, bytearray, memoryview, str, os.PathLike, BinaryIO]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
_OS_REASONS = {errno.ENOENT: "fichier introuvable", errno.EACCES: "accès refusé", errno.EISDIR: "c'est un dossier"}
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError)


@dataclass(slots=True)
class OpenedXml:
    """An XML stream ready for lxml, with what was learnt before parsing."""

    stream: GuardedStream
    name: str
    member: str | None  # the zip member read, if the source was a zip
    sniffed: Sniffed


class GuardedStream:
    """A read-only stream that replays the sniffed head, caps the size and refuses mis-decoded text.

    Exceptions raised here or by the underlying stream (corrupt zip, CRC error) reach the caller through
    lxml, which re-raises what ``read`` raised; the underlying ones are turned into FormatError first.
    """

    # Mis-decoded text is refused while reading (ENCODING_MISMATCH), so nothing is ever counted here;
    # kept for readers written when it was a warning.
    mojibake_count = 0
    mojibake_line: int | None = None

    def __init__(self, head: bytes, raw: BinaryIO, *, max_bytes: int, encoding: str):
        self._pending = head
        self._raw = raw
        self._max_bytes = max_bytes
        self._encoding = encoding
        self._telltales = telltales(encoding)
        self._carry = b""  # the end of the previous chunk: a telltale sequence may straddle two reads
        self.bytes_read = 0
        self.newlines = 0
        self.at_eof = False
        self.before_read: Callable[[], None] = _nothing  # the XML walker prunes its tree here

    def read(self, size: int = -1) -> bytes:
        self.before_read()
        chunk = self._take(size if size and size > 0 else 1 << 16)
        self.at_eof = not chunk
        self.bytes_read += len(chunk)
        if self.bytes_read > self._max_bytes:
            raise too_large(self._max_bytes)
        self._scan(chunk)
        return chunk

    def _take(self, size: int) -> bytes:
        if self._pending:
            chunk, self._pending = self._pending[:size], self._pending[size:]
            return chunk
        try:
            return self._raw.read(size)
        except _READ_ERRORS as exc:
            raise FormatError("ZIP_CORRUPT", f"L'archive zip est corrompue : {exc}.") from exc

    def _scan(self, chunk: bytes) -> None:
        window = self._carry + chunk
        found = self._telltales.search(window)
        if found is not None:
            line = self.newlines - self._carry.count(b"\n") + window.count(b"\n", 0, found.start()) + 1
            raise misdecoded(found.group(), self._encoding, line)
        self._carry = chunk[-3:]
        self.newlines += chunk.count(b"\n")


def _nothing() -> None:
    pass


def misdecoded(sequence: bytes, encoding: str, line: int) -> FormatError:
    shown = sequence.decode("cp1252" if encoding == "WINDOWS-1252" else "iso-8859-15", "replace")
    if encoding == "UTF-8":
        shown = sequence.decode("utf-8", "replace")
    if not shown.isprintable():
        shown = "octet " + " ".join(f"0x{byte:02X}" for byte in sequence)
    return FormatError(
        "ENCODING_MISMATCH",
        f"Le fichier déclare l'encodage {encoding} mais ses octets n'y correspondent pas "
        f"(ligne {line} : « {shown} ») : il a sans doute été ouvert puis réenregistré dans un autre "
        "encodage. Les noms et prénoms seraient modifiés à tort : fichier refusé. Réexportez-le depuis "
        "SIECLE sans l'ouvrir dans un tableur ni un éditeur.",
        line=line,
        detail=f"bytes {sequence.hex(' ')} under encoding={encoding}",
    )


def too_large(max_bytes: int) -> FormatError:
    return FormatError(
        "FILE_TOO_LARGE",
        f"Fichier trop volumineux : plus de {max_bytes // (1024 * 1024)} Mo de XML.",
    )


@contextmanager
def open_xml(source: Source, limits: Limits) -> Iterator[OpenedXml]:
    """Open ``source`` and yield its XML stream; raises FormatError for any file-level refusal."""
    with ExitStack() as stack:
        raw, name = _open_raw(source, stack)
        member = None
        if _peek(raw, 4) in ZIP_MAGIC:
            raw, member = _open_zip_member(raw, limits, stack)
        elif _size(raw) > limits.max_xml_bytes:
            raise too_large(limits.max_xml_bytes)
        head = _read_head(raw, limits.head_bytes)
        sniffed = sniff_head(head)
        stream = GuardedStream(head, raw, max_bytes=limits.max_xml_bytes, encoding=sniffed.encoding)
        yield OpenedXml(stream, name, member, sniffed)


def _open_raw(source: Source, stack: ExitStack) -> tuple[BinaryIO, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(source)), "<octets>"
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            return stack.enter_context(path.open("rb")), str(path)
        except OSError as exc:
            reason = _OS_REASONS.get(exc.errno or 0, "lecture impossible")
            raise FormatError("FILE_UNREADABLE", f"Fichier illisible : {reason}.", detail=exc.strerror) from exc
    if not hasattr(source, "read"):
        raise TypeError("source must be bytes, a path or a binary file")
    raw = source if _seekable(source) else io.BufferedReader(source)  # type: ignore[type-var]  # any readable binary stream will do
    return raw, str(getattr(source, "name", "<flux>"))


def _seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, ValueError):
        return False


def _peek(raw: BinaryIO, count: int) -> bytes:
    if isinstance(raw, io.BufferedReader) and not raw.seekable():
        return raw.peek(count)[:count]
    position = raw.tell()
    data = raw.read(count)
    raw.seek(position)
    return data


def _size(raw: BinaryIO) -> int:
    if not _seekable(raw):
        return 0  # unknown: the GuardedStream counts while reading
    position = raw.tell()
    end = raw.seek(0, io.SEEK_END)
    raw.seek(position)
    return end - position


def _read_head(raw: BinaryIO, size: int) -> bytes:
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        try:
            chunk = raw.read(remaining)
        except _READ_ERRORS as exc:
            raise FormatError("ZIP_CORRUPT", f"L'archive zip est corrompue : {exc}.") from exc
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _open_zip_member(raw: BinaryIO, limits: Limits, stack: ExitStack) -> tuple[BinaryIO, str]:
    if not _seekable(raw):
        raw = io.BytesIO(_read_capped(raw, limits.max_xml_bytes))
    if _size(raw) > limits.max_xml_bytes:
        raise too_large(limits.max_xml_bytes)
    try:
        archive = stack.enter_context(zipfile.ZipFile(raw))
        info = _single_xml_member(archive.infolist())
        _check_inflation(info, limits)
        return cast(BinaryIO, stack.enter_context(archive.open(info))), info.filename
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise FormatError("ZIP_CORRUPT", f"L'archive zip est corrompue : {exc}.") from exc
    except NotImplementedError as exc:
        raise FormatError("ZIP_UNSUPPORTED", f"Méthode de compression non prise en charge : {exc}.") from exc
    except RuntimeError as exc:  # encrypted member
        raise FormatError("ZIP_ENCRYPTED", "L'archive zip est protégée par mot de passe.") from exc


def _read_capped(raw: BinaryIO, max_bytes: int) -> bytes:
    data = raw.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return data


def _single_xml_member(members: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    for info in members:
        if _is_unsafe_name(info.filename):
            raise FormatError(
                "ZIP_UNSAFE_PATH",
                f"L'archive contient un chemin dangereux (« {info.filename} ») : refusée.",
            )
    candidates = [
        info
        for info in members
        if not info.is_dir() and not _is_ignored(info.filename) and info.filename.lower().endswith(".xml")
    ]
    if len(candidates) != 1:
        names = ", ".join(info.filename for info in candidates) or "aucun"
        raise FormatError(
            "ZIP_MEMBER_COUNT",
            f"L'archive doit contenir exactement un fichier XML ; trouvé(s) : {names}.",
        )
    return candidates[0]


def _is_unsafe_name(name: str) -> bool:
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or _WINDOWS_DRIVE.match(normalised):
        return True
    return ".." in normalised.split("/")


def _is_ignored(name: str) -> bool:
    """macOS resource forks (``__MACOSX/``) and dot-files or dot-directories are not exports."""
    parts = name.replace("\\", "/").split("/")
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts if part)


def _check_inflation(info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.file_size > limits.max_uncompressed_bytes:
        raise FormatError(
            "ZIP_TOO_LARGE",
            f"Le fichier « {info.filename} » décompressé dépasserait "
            f"{limits.max_uncompressed_bytes // (1024 * 1024)} Mo : refusé.",
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_ratio:
        raise FormatError(
            "ZIP_BOMB",
            f"Taux de compression anormal ({ratio:.0f}:1, maximum {limits.max_ratio}:1) : "
            "archive refusée par sécurité.",
        )
