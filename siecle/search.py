"""Accent- and case-insensitive search: « andre », « André » and « ANDRÉ » all find « ANDRÉ ».

PostgreSQL uses its ``unaccent`` extension (migration 0003); SQLite gets a Python ``unaccent`` function
registered on each new connection (``make run``'s default database).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Func

# What PostgreSQL's unaccent spells out as two letters, so both databases fold « CŒUR » to « coeur ».
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold(text: str) -> str:
    """Remove the accents (« é » → « e », « œ » → « oe ») and lower the case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower().translate(LIGATURES)


class FoldedText(Func):
    """LOWER(UNACCENT(expression)): compare it with ``fold(word)``."""

    template = "LOWER(UNACCENT(%(expressions)s))"
    output_field = CharField()


def register_sqlite_unaccent(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "UNACCENT", 1, lambda value: None if value is None else fold(value), deterministic=True
        )
