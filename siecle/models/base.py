"""Common base of the SIECLE tables: one establishment, one school year, UUID keys (safe in URLs)."""

from __future__ import annotations

import uuid
from typing import ClassVar, Self

from django.db import models

from establishments.scoping import establishment_scoped_manager


class YearScopedModel(models.Model):
    """Owned by one establishment for one school year (2026 = 2026-2027)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    establishment = models.ForeignKey(
        "establishments.Establishment", on_delete=models.CASCADE, related_name="+", verbose_name="établissement"
    )
    school_year = models.PositiveSmallIntegerField("année scolaire")

    objects: ClassVar[models.Manager[Self]] = establishment_scoped_manager()

    class Meta:
        abstract = True


def unique_per_year(model_name: str, *fields: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["establishment", "school_year", *fields], name=f"siecle_{model_name}_unique_per_year"
    )
