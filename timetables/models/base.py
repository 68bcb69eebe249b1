"""The base every timetable table shares with SIECLE's: one establishment, one school year, UUID keys."""

from __future__ import annotations

from django.db import models

from siecle.models.base import YearScopedModel

WEEKDAYS = ((1, "lundi"), (2, "mardi"), (3, "mercredi"), (4, "jeudi"), (5, "vendredi"), (6, "samedi"), (7, "dimanche"))


def unique_per_year(model_name: str, *fields: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["establishment", "school_year", *fields], name=f"timetables_{model_name}_unique_per_year"
    )


__all__ = ["WEEKDAYS", "YearScopedModel", "unique_per_year"]
