"""UAI (formerly RNE) codes: 7 digits and a check letter.

The check letter is the N mod 23-th letter of ``ABCDEFGHJKLMNPRSTUVWXYZ`` (A–Z without I, O, Q)
where N is the integer made of the 7 digits (FORMATS-SIECLE-BEE.md §7.1). Pure Python: the
SIECLE readers use it too.
"""

from __future__ import annotations

import re

CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
_UAI_SHAPE = re.compile(r"^\d{7}[A-Z]$")


def uai_check_letter(digits: str) -> str:
    return CHECK_LETTERS[int(digits) % 23]


def normalise_uai(value: str) -> str:
    """Strip surrounding blanks and upper-case; the result may still be invalid."""
    return (value or "").strip().upper()


def is_valid_uai(value: str | None) -> bool:
    """True for a well-formed UAI whose check letter matches (exact form: no blanks, upper case)."""
    if not value or not _UAI_SHAPE.match(value):
        return False
    return uai_check_letter(value[:7]) == value[7]


def uai_error(value: str | None) -> str | None:
    """A French message saying why ``value`` is not a UAI, or None when it is one."""
    if not value:
        return "Le code UAI est obligatoire."
    if not _UAI_SHAPE.match(value):
        return (
            f"« {value} » n'est pas un code UAI : il faut 7 chiffres suivis d'une lettre "
            "majuscule (par exemple 0750654D)."
        )
    expected = uai_check_letter(value[:7])
    if value[7] != expected:
        return f"Le code UAI « {value} » est invalide : la lettre de contrôle devrait être {expected}."
    return None
