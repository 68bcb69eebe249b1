"""Teachers (STS-Web individuals) and rooms."""

from __future__ import annotations

from django.db import models

from timetables.models.base import YearScopedModel, unique_per_year

CIVILITIES = {"1": "M.", "2": "Mme", "3": "Mlle"}


class TeacherKind(models.TextChoices):
    EPP = "epp", "EPP (agent de l'Éducation nationale)"
    LOCAL = "local", "local"


class Teacher(YearScopedModel):
    """An STS-Web ``INDIVIDU``; ``sts_id`` (INDIVIDU@ID) is what services and the EDT_STS upload name."""

    sts_id = models.CharField("identifiant STS", max_length=20)
    kind = models.CharField("type", max_length=5, choices=TeacherKind.choices, default=TeacherKind.EPP)
    civility = models.CharField("civilité", max_length=1, blank=True, default="")
    sex = models.CharField("sexe", max_length=1, blank=True, default="")
    last_name = models.CharField("nom d'usage", max_length=100)
    birth_name = models.CharField("nom de famille", max_length=100, blank=True, default="")
    first_name = models.CharField("prénom", max_length=100, blank=True, default="")
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    grade = models.CharField("grade", max_length=40, blank=True, default="")
    function = models.CharField("fonction", max_length=20, blank=True, default="")
    # [{"code", "label", "hours"}] as STS lists them (hours as a decimal string): shown, never computed on.
    disciplines = models.JSONField("disciplines", default=list, blank=True)

    class Meta:
        constraints = [unique_per_year("teacher", "sts_id")]
        ordering = ["last_name", "first_name"]
        verbose_name = "enseignant"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        parts = (CIVILITIES.get(self.civility, ""), self.last_name, self.first_name.title())
        return " ".join(part for part in parts if part)

    @property
    def statutory_hours(self) -> float | None:
        values = [float(item["hours"]) for item in self.disciplines if item.get("hours")]
        return sum(values) if values else None


class Room(YearScopedModel):
    code = models.CharField("code", max_length=20)
    label = models.CharField("libellé", max_length=100, blank=True, default="")
    capacity = models.PositiveSmallIntegerField("capacité", null=True, blank=True)

    class Meta:
        constraints = [unique_per_year("room", "code")]
        ordering = ["code"]
        verbose_name = "salle"

    def __str__(self) -> str:
        return self.code
