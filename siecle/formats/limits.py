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
# Bytes read before parsing to find the encoding declaration.
HEAD_BYTES = 64 * 1024
# Nesting depth: real exports go 7 levels deep (GROUPE/DIVISIONS_APPARTENANCE/.../CODE_STRUCTURE).
MAX_DEPTH = 32
# Elements outside the records (sections and elements the reader does not know): a real export has a
# few dozen; they are released as they end, this bounds the time spent on a file made of them.
MAX_OTHER_ELEMENTS = 1_000_000
# Elements inside one record: a real ELEVE holds about 60; a record is kept whole until it ends.
MAX_RECORD_ELEMENTS = 10_000
# Issues kept in a report; beyond, they are counted (a file of empty records cannot grow memory).
MAX_ISSUES = 20_000
# Refused records: a real export has a handful; a file made of thousands of empty or broken records is
# not an export, and reading it to the end would cost minutes of a worker for nothing.
MAX_REFUSED_RECORDS = 20_000


@dataclass(frozen=True, slots=True)
class Limits:
    """The caps applied to one read; tests pass smaller ones to exercise the refusals cheaply."""

    max_xml_bytes: int = MAX_XML_BYTES
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: int = MAX_RATIO
    head_bytes: int = HEAD_BYTES
    max_depth: int = MAX_DEPTH
    max_other_elements: int = MAX_OTHER_ELEMENTS
    max_record_elements: int = MAX_RECORD_ELEMENTS
    max_issues: int = MAX_ISSUES
    max_refused_records: int = MAX_REFUSED_RECORDS


DEFAULT_LIMITS = Limits()
