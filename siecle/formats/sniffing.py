"""What the first bytes of an XML export tell before parsing: encoding, DOCTYPE, root element.

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
_PROLOG_ITEM = re.compile(rb"<(?:\?.*?\?>|!--.*?-->|(!DOCTYPE)|([A-Za-z_][\w.\-]*))", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Sniffed:
    encoding: str  # label from ACCEPTED_ENCODINGS
    declared: str | None  # as written in the declaration
    bom: bool
    root_tag: str


def sniff_head(head: bytes, *, complete: bool) -> Sniffed:
    """Inspect the first bytes; ``complete`` says ``head`` is the whole document.

    Raises FormatError for an empty file, a UTF-16/32 file, an unknown encoding, a DOCTYPE
    (no DTD is ever processed: this closes entity bombs and external entities) or a missing root.
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
    return Sniffed(encoding, declared, bom, _root_tag(body, complete=complete))


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


def _root_tag(body: bytes, *, complete: bool) -> str:
    for match in _PROLOG_ITEM.finditer(body):
        if match.group(1):
            raise FormatError(
                "DTD_FORBIDDEN",
                "Le fichier contient une déclaration DOCTYPE : refusée par sécurité (un export SIECLE n'en a pas).",
            )
        if match.group(2):
            return match.group(2).decode("ascii")
    where = "dans le fichier" if complete else "au début du fichier"
    raise FormatError("ROOT_NOT_FOUND", f"Aucun élément XML racine trouvé {where} : ce n'est pas un export SIECLE.")


def mojibake_pattern(encoding: str) -> re.Pattern[bytes]:
    """Bytes betraying UTF-8 text decoded with the wrong charset (« Ã© » instead of « é »).

    Under a single-byte declaration, a UTF-8 « é » is C3 A9 and reads « Ã© »; French text in
    Latin-9 never puts Ã/Â before a byte of 0x80–0xBF. Under a UTF-8 declaration the same
    mistake made once more gives C3 83 C2 A9.
    """
    if encoding in SINGLE_BYTE_ENCODINGS:
        return re.compile(rb"[\xc2\xc3][\x80-\xbf]")
    return re.compile(rb"\xc3[\x82\x83]\xc2[\x80-\xbf]")
