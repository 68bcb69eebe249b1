"""Reads of what is stored for one establishment and year (call inside scopes_disabled or a scope)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models

from establishments.models import Establishment


def stored_rows(
    model: type[models.Model], establishment: Establishment, school_year: int, fields: Iterable[str]
) -> list[dict[str, Any]]:
    """Every row of ``model`` for the establishment and year, as dicts with ``id`` and ``fields``."""
    return list(
        model._default_manager.filter(establishment=establishment, school_year=school_year).values("id", *fields)
    )


def stored_by(
    model: type[models.Model], establishment: Establishment, school_year: int, key: str, fields: Iterable[str]
) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in stored_rows(model, establishment, school_year, (key, *fields))}


def id_pairs(
    model: type[models.Model], establishment: Establishment, school_year: int, left: str, right: str
) -> dict[tuple[uuid.UUID, uuid.UUID], uuid.UUID]:
    """(left id, right id) → row id, for link tables."""
    rows = stored_rows(model, establishment, school_year, (left, right))
    return {(row[left], row[right]): row["id"] for row in rows}
