"""Addresses and schools for generated exports, consistent with the school's département."""

from __future__ import annotations

import random

from establishments.uai import uai_check_letter
from siecle.formats.generator import names
from siecle.formats.records import Address


def department_of(uai: str) -> str:
    return uai[:3]


def town(rng: random.Random, department: str) -> tuple[str, str, str]:
    """(INSEE code, postal code, label) of a made-up but consistent French town."""
    index = rng.randrange(len(names.TOWNS))
    insee = f"{department[1:]}{100 + index * 37:03d}"
    return insee, f"{department[1:]}{100 + index * 10:03d}", names.TOWNS[index]


def address(rng: random.Random, address_id: str, department: str) -> Address:
    if rng.random() < 0.04:
        return _foreign_address(rng, address_id)
    insee, postal, label = town(rng, department)
    return Address(
        address_id=address_id,
        line1=rng.choice(names.ADDRESS_COMPLEMENTS) if rng.random() < 0.2 else None,
        line2=f"{rng.randint(1, 180)} {rng.choice(names.STREETS)}",
        line3="LIEU-DIT LES ŒILLETTES" if rng.random() < 0.03 else None,
        postal_code=postal,
        country_code="100",
        insee_code=insee,
        country_label="FRANCE",
        department_code=department,
        postal_label=label,
    )


def _foreign_address(rng: random.Random, address_id: str) -> Address:
    code, country, city = rng.choice(names.FOREIGN)
    return Address(
        address_id=address_id,
        line2=f"{rng.randint(1, 99)} HAUPTSTRASSE",
        foreign_town=city,
        country_code=code,
        country_label=country,
    )


def neighbour_uai(rng: random.Random, department: str) -> str:
    digits = f"{department}{rng.randint(0, 9999):04d}"
    return digits + uai_check_letter(digits)
