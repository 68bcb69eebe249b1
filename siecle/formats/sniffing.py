"""What the first bytes of an XML export tell before parsing: its encoding; and what betrays mis-decoded text.

Decoding is left to libxml2, which honours the declaration (ISO-8859-15 is decoded as Latin-9,
so 0xBD is « œ », not « ½ » as Latin-1 would give). We only refuse encodings a SIECLE export
cannot have, so the secretary gets a French message rather than a libxml2 one.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from siecle.formats.issues import FormatError

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

# Python codec name → the label we report. Exports are ISO-8859-15; the others are what a
# re-saved or generated file plausibly declares and libxml2 decodes faithfully.
ACCEPTED_ENCODINGS: dict[str, str] = {
    "iso8859-15": "ISO-8859-15",
    "utf-8": "UTF-8",
    "iso8859-1": "ISO-8859-1",
    "cp1252": "WINDOWS-1252",
    "ascii": "US-ASCII",
}
SINGLE_BYTE_ENCODINGS = frozenset({"ISO-8859-15", "ISO-8859-1", "WINDOWS-1252", "US-ASCII"})

_DECLARATION = re.compile(rb"\A\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([^\"']{1,40})[\"']")
_PROLOG_ITEM = re.compile(rb"<(?:\?.*?\?>|!--.*?-->|!DOCTYPE|([A-Za-z_][\w.\-]*))", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Sniffed:
    encoding: str  # label from ACCEPTED_ENCODINGS
    declared: str | None  # as written in the declaration
    bom: bool
    # A hint read in the first bytes, for early messages only: a long comment can hide the real root.
    # The parser's root (XmlWalker.open_root) is what decides; None when no element starts in the head.
    root_tag: str | None = None


def sniff_head(head: bytes) -> Sniffed:
    """Inspect the first bytes. Raises FormatError for an empty file, a UTF-16/32 file or an unknown encoding.

    The root element and any DOCTYPE are found by the parser itself (``XmlWalker.open_root``).
    """
    if not head.strip():
        raise FormatError("EMPTY_FILE", "Le fichier est vide.")
    if head.startswith(_UTF16_32_BOMS):
        raise FormatError(
            "ENCODING_UNSUPPORTED",
            "Encodage UTF-16/UTF-32 non pris en charge : un export SIECLE est en ISO-8859-15.",
        )
    bom = head.startswith(UTF8_BOM)
    body = head[len(UTF8_BOM) :] if bom else head
    declared = _declared_encoding(body)
    encoding = "UTF-8" if bom else _accepted_encoding(declared)
    return Sniffed(encoding, declared, bom, _root_hint(body))


def _root_hint(body: bytes) -> str | None:
    for match in _PROLOG_ITEM.finditer(body):
        if match.group(1):
            return match.group(1).decode("ascii")
    return None


def _declared_encoding(body: bytes) -> str | None:
    match = _DECLARATION.match(body)
    return match.group(1).decode("ascii", "replace").strip() if match else None


def _accepted_encoding(declared: str | None) -> str:
    if declared is None:
        return "UTF-8"  # the XML default
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        codec = ""
    if codec not in ACCEPTED_ENCODINGS:
        raise FormatError(
            "ENCODING_UNSUPPORTED",
            f"Encodage « {declared} » non pris en charge. Les exports SIECLE sont en "
            "ISO-8859-15 ; encodages acceptés : " + ", ".join(ACCEPTED_ENCODINGS.values()) + ".",
        )
    return ACCEPTED_ENCODINGS[codec]


@dataclass(frozen=True, slots=True)
class Telltales:
    """Bytes that betray text in another encoding than the declared one (names would be silently changed).

    ``pattern`` starts with one character set (the regex engine then scans fast); a match is a telltale
    when it is a two-byte sequence or its byte is in ``singles`` (a lone « Â » in CHÂTEAU is not).
    """

    pattern: re.Pattern[bytes]
    singles: frozenset[int]

    def search(self, data: bytes) -> re.Match[bytes] | None:
        for found in self.pattern.finditer(data):
            if len(found.group()) > 1 or found.group()[0] in self.singles:
                return found
        return None


_UTF8_LEADS = b"\xc2\xc3"
_CONTROLS = bytes(range(0x80, 0xA0))
_LATIN9_ONLY = b"\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe"


def telltales(encoding: str) -> Telltales:
    """What mis-decoded text looks like under ``encoding``.

    - UTF-8 under a single-byte declaration: « é » is C3 A9 and would read « Ã© »; French text in
      Latin-9 never puts Ã/Â before a byte of 0x80–0xBF.
    - Latin-9 under a Latin-1 or Windows-1252 declaration: Œ œ Ÿ € Š š Ž ž are 0xBC 0xBD 0xBE 0xA4 0xA6
      0xA8 0xB4 0xB8 and would read ¼ ½ ¾ ¤ ¦ ¨ ´ ¸, characters no name holds.
    - Windows-1252 under a Latin-9 or Latin-1 declaration: œ ’ € are 0x9C 0x92 0x80, control characters there.
    - Under a UTF-8 declaration, UTF-8 encoded twice: « é » becomes C3 83 C2 A9 (« Ã© » once decoded).
    """
    if encoding == "UTF-8":
        return Telltales(re.compile(rb"\xc3[\x82\x83]\xc2[\x80-\xbf]"), frozenset())
    singles = {
        "WINDOWS-1252": _LATIN9_ONLY,
        "ISO-8859-1": _LATIN9_ONLY + _CONTROLS,
    }.get(encoding, _CONTROLS)
    lead = re.escape(_UTF8_LEADS + singles)
    return Telltales(re.compile(b"[" + lead + rb"][\x80-\xbf]?"), frozenset(singles))
