"""Divisions (classes) and groups, shared with the timetables: defined here once."""

from __future__ import annotations

from django.db import models

from siecle.models.base import YearScopedModel, unique_per_year


class Division(YearScopedModel):
    code = models.CharField("code", max_length=40)  # may hold accents and spaces: never a slug
    label = models.CharField("libellé", max_length=200, blank=True, default="")
    mef_codes = models.JSONField("MEF", default=list, blank=True)

    class Meta:
        constraints = [unique_per_year("division", "code")]
        ordering = ["code"]
        verbose_name = "division"

    def __str__(self) -> str:
        return self.code

    kind_label = "Division"


class Group(YearScopedModel):
    code = models.CharField("code", max_length=40)
    label = models.CharField("libellé", max_length=200, blank=True, default="")
    mef_codes = models.JSONField("MEF", default=list, blank=True)
    divisions = models.ManyToManyField(
        Division, through="GroupDivision", related_name="groups", verbose_name="divisions"
    )

    class Meta:
        constraints = [unique_per_year("group", "code")]
        ordering = ["code"]
        verbose_name = "groupe"

    def __str__(self) -> str:
        return self.code

    kind_label = "Groupe"


class GroupDivision(YearScopedModel):
    """A group's parent division (a group is drawn from one or more divisions)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "division"], name="siecle_groupdivision_unique")]
