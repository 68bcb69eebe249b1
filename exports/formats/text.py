"""Text in the written XML: escaping, and the characters a declared encoding cannot hold.

A character the encoding lacks is never replaced (no ``?``, no character reference): the pre-export
checks list it with the object holding it, and the writer refuses it (``UnwritableText``).
"""

from __future__ import annotations

import re
from functools import lru_cache

EDT_STS_ENCODING = "ISO-8859-15"
IMPORT_ELEVES_ENCODING = "UTF-8"

# XML 1.0 forbids these even as character references.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


class UnwritableText(ValueError):
    """A value holds characters the file cannot carry (``characters``: those characters)."""

    def __init__(self, value: str, characters: str) -> None:
        super().__init__(f"{value!r}: {characters!r}")
        self.value = value
        self.characters = characters


def unwritable_characters(value: str, encoding: str) -> str:
    """The distinct characters of ``value`` that ``encoding`` cannot hold or XML forbids, in order."""
    bad = dict.fromkeys(_XML_FORBIDDEN.findall(value))
    for char in value:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            bad[char] = None
    return "".join(bad)


@lru_cache(maxsize=65536)  # codes repeat thousands of times in a file
def escape(value: str) -> str:
    """``value`` escaped for a text node or a double-quoted attribute; ``UnwritableText`` when it holds a
    character XML forbids."""
    forbidden = _XML_FORBIDDEN.search(value)
    if forbidden:
        raise UnwritableText(value, forbidden.group())
    return value.translate(_ESCAPES)


def encode_document(parts: list[str], encoding: str) -> bytes:
    """The joined document in ``encoding``, strictly: an unwritable character raises ``UnwritableText``."""
    text = "".join(parts)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as error:
        line = text[max(0, error.start - 40) : error.end + 40]
        raise UnwritableText(line, text[error.start : error.end]) from None
    return data  # XML-forbidden characters were refused by ``escape``


@lru_cache(maxsize=4096)
def hhmm(minutes: int) -> str:
    """``HHMM`` as in ``HEURE_DEBUT`` and ``DUREE`` (``0830``, ``0100``)."""
    return f"{minutes // 60:02d}{minutes % 60:02d}"
