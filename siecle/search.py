"""Accent-insensitive name search: « Leila » finds « Leïla », « helene » finds « Hélène », « coeur » finds
« Cœur ». PostgreSQL uses its ``unaccent`` extension (created by a migration); SQLite, the laptop default,
gets the same function in Python on each connection."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Func

# Letters that Unicode does not decompose but unaccent spells out, as PostgreSQL's unaccent.rules does.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


class Unaccent(Func):
    function = "UNACCENT"
    output_field = CharField()


def unaccent_text(value: str | None) -> str | None:
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", value.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def register_sqlite_unaccent(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: gives SQLite the ``UNACCENT`` function PostgreSQL has."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, unaccent_text, deterministic=True)
