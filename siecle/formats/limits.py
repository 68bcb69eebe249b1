"""Size caps for uploaded exports, in one place (documented in docs/siecle-formats.md).

Real exports weigh 1–3 MB per thousand pupils or persons and compress about 10–50:1 (§8.12);
the largest schools stay in the tens of MB. The caps leave a wide margin above that, and
refuse 1 GB uploads and zip bombs before inflating them.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024

# Largest XML document we parse, plain or once unzipped.
MAX_XML_BYTES = 256 * MiB
# Largest zip member we inflate (declared size, checked before reading, then while reading).
MAX_UNCOMPRESSED_BYTES = MAX_XML_BYTES
# Largest uncompressed/compressed ratio of a zip member: real exports reach ~50:1.
MAX_RATIO = 200
# Bytes read before parsing to find the encoding declaration, a DOCTYPE and the root element.
HEAD_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The caps applied to one read; tests pass smaller ones to exercise the refusals cheaply."""

    max_xml_bytes: int = MAX_XML_BYTES
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: int = MAX_RATIO
    head_bytes: int = HEAD_BYTES


DEFAULT_LIMITS = Limits()
