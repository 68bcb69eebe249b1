"""Opening hours, the school calendar with its holidays, and week patterns (EDT_STS ``ALTERNANCE``)."""

from __future__ import annotations

import datetime as dt

from django.db import models

from timetables.models.base import WEEKDAYS, YearScopedModel, unique_per_year


class OpeningHours(YearScopedModel):
    """When courses may take place on one weekday (EDT_STS ``HORAIRE``); a day without a row is closed."""

    weekday = models.PositiveSmallIntegerField("jour", choices=WEEKDAYS)
    opens_at = models.TimeField("début des cours")
    closes_at = models.TimeField("fin des cours")

    class Meta:
        constraints = [unique_per_year("openinghours", "weekday")]
        ordering = ["weekday"]
        verbose_name = "horaires d'ouverture"


class Zone(models.TextChoices):
    A = "A", "zone A"
    B = "B", "zone B"
    C = "C", "zone C"


class SchoolCalendar(YearScopedModel):
    zone = models.CharField("zone de vacances", max_length=1, choices=Zone.choices)
    first_day = models.DateField("premier jour de cours")
    last_day = models.DateField("dernier jour de cours")

    class Meta:
        constraints = [unique_per_year("schoolcalendar")]
        verbose_name = "calendrier scolaire"

    def __str__(self) -> str:
        return f"{self.first_day:%d/%m/%Y} – {self.last_day:%d/%m/%Y} ({self.get_zone_display()})"


class Holiday(YearScopedModel):
    """Days without courses, both ends included (a holiday, a bridge)."""

    calendar = models.ForeignKey(SchoolCalendar, on_delete=models.CASCADE, related_name="holidays")
    label = models.CharField("libellé", max_length=100)
    first_day = models.DateField("premier jour")
    last_day = models.DateField("dernier jour")

    class Meta:
        ordering = ["first_day"]
        verbose_name = "vacances"
        verbose_name_plural = "vacances"


class WeekPreset(models.TextChoices):
    EVERY = "all", "Toutes les semaines"
    WEEK_A = "A", "Semaine A"
    WEEK_B = "B", "Semaine B"


class WeekPattern(YearScopedModel):
    """The explicit weeks a course takes place (EDT_STS ``ALTERNANCE``): the Mondays, holidays removed."""

    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=100)
    preset = models.CharField(max_length=3, choices=WeekPreset.choices, blank=True, default="")
    weeks = models.JSONField("semaines", default=list, blank=True)  # ["YYYY-MM-DD", …] Mondays, sorted

    class Meta:
        constraints = [unique_per_year("weekpattern", "code")]
        ordering = ["code"]
        verbose_name = "alternance de semaines"
        verbose_name_plural = "alternances de semaines"

    def __str__(self) -> str:
        return self.label

    @property
    def week_dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(week) for week in self.weeks]
