"""Small value parsers and caps for the STS-Web reader: bounded text, ISO dates, decimal hours."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from siecle.formats.xmlstream import Element, clean

# Caps match the columns the import writes into: longer values are refused or cut, never stored blindly.
MAX_CODE = {"MATIERE": 6, "MEF": 11, "STRUCTURE": 40, "MOD_COURS": 20, "DISCIPLINE": 20}
MAX_TEXT = 200
MAX_ID = 20
_STS_ID = re.compile(r"^\d{1,20}$")


def text(element: Element, tag: str) -> str | None:
    """Trimmed text of the child ``tag``, cut to MAX_TEXT characters; None when absent or blank."""
    value = clean(element.findtext(tag))
    return value[:MAX_TEXT] if value else None


def iso_date(raw: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (pyKol reads STS dates as ISO); None when absent; ValueError when unreadable."""
    if raw is None:
        return None
    return dt.date.fromisoformat(raw[:10])


def hours(raw: str | None) -> Decimal | None:
    """Decimal hours (``18.00``; a comma is accepted); ValueError when not a plausible number."""
    if raw is None:
        return None
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite() or not Decimal(0) <= value < Decimal(1000):
        raise ValueError(raw)
    return value.quantize(Decimal("0.01"))


def valid_sts_id(raw: str | None) -> bool:
    return raw is not None and bool(_STS_ID.match(raw))


def valid_code(raw: str | None, kind: str) -> bool:
    return raw is not None and 0 < len(raw) <= MAX_CODE[kind]
