"""Postal addresses of BEE_ELEVES and BEE_RESPONSABLES (ADRESSE @ADRESSE_ID), shared by several people."""

from __future__ import annotations

from django.db import models

from siecle.models.base import YearScopedModel, unique_per_year

FRANCE = "100"  # CODE_PAYS of France (INSEE)
ADDRESS_FIELDS = (
    "line1",
    "line2",
    "line3",
    "line4",
    "foreign_town",
    "postal_code",
    "country_code",
    "country_label",
    "insee_code",
    "department_code",
    "postal_label",
)


def _text(verbose_name: str, max_length: int) -> models.CharField:
    return models.CharField(verbose_name, max_length=max_length, null=True, blank=True)


class Address(YearScopedModel):
    """One ADRESSE of the files; codes stay strings (leading zeros, Corsica's 2A/2B)."""

    address_id = models.CharField("ADRESSE_ID", max_length=20)
    line1 = _text("ligne 1", 200)
    line2 = _text("ligne 2", 200)
    line3 = _text("ligne 3", 200)
    line4 = _text("ligne 4", 200)
    foreign_town = _text("commune étrangère", 200)
    postal_code = _text("code postal", 20)
    country_code = _text("code pays", 10)
    country_label = _text("pays", 100)
    insee_code = _text("code commune INSEE", 10)
    department_code = _text("code département", 10)
    postal_label = _text("libellé postal", 200)

    class Meta:
        constraints = [unique_per_year("address", "address_id")]
        ordering = ["address_id"]
        verbose_name = "adresse"

    def __str__(self) -> str:
        return ", ".join(self.lines) or f"adresse {self.address_id}"

    @property
    def street_lines(self) -> list[str]:
        return [line for line in (self.line1, self.line2, self.line3, self.line4) if line]

    @property
    def town_line(self) -> str:
        parts = [self.postal_code, self.postal_label or self.foreign_town]
        return " ".join(part.strip() for part in parts if part and part.strip())

    @property
    def country_line(self) -> str:
        """The country, only when it is not France."""
        if not self.country_code or self.country_code == FRANCE:
            return ""
        return self.country_label or self.country_code

    @property
    def lines(self) -> list[str]:
        return [line for line in (*self.street_lines, self.town_line, self.country_line) if line]
