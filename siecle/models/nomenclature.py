"""BEE_NOMENCLATURES content: MEFs, subjects, programmes and code tables (labels for codes)."""

from __future__ import annotations

from django.db import models

from siecle.models.base import YearScopedModel, unique_per_year


class Mef(YearScopedModel):
    code = models.CharField("code MEF", max_length=11)
    formation = models.CharField(max_length=100, blank=True, default="")
    speciality = models.CharField(max_length=100, blank=True, default="")
    long_label = models.CharField(max_length=200, blank=True, default="")
    edition_label = models.CharField(max_length=200, blank=True, default="")
    attached_mef = models.CharField(max_length=11, blank=True, default="")

    class Meta:
        constraints = [unique_per_year("mef", "code")]
        ordering = ["code"]
        verbose_name = "MEF"
        verbose_name_plural = "MEF"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.edition_label or self.long_label or self.code


class Subject(YearScopedModel):
    code = models.CharField("code matière", max_length=6)
    management_code = models.CharField(max_length=20, blank=True, default="")
    short_label = models.CharField(max_length=100, blank=True, default="")
    long_label = models.CharField(max_length=200, blank=True, default="")
    edition_label = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        constraints = [unique_per_year("subject", "code")]
        ordering = ["code"]
        verbose_name = "matière"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.edition_label or self.long_label or self.code


class Programme(YearScopedModel):
    """A subject taught in a MEF under a modality (S tronc commun, O, F…)."""

    mef_code = models.CharField(max_length=11)
    subject_code = models.CharField(max_length=6)
    modality_code = models.CharField(max_length=2)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [unique_per_year("programme", "mef_code", "subject_code", "modality_code")]
        verbose_name = "programme"


class CodeLabel(YearScopedModel):
    """One entry of a code table (REGIMES, MOTIFS_SORTIE, MODALITES_ELECTION, LIENS_PARENTE…)."""

    table = models.CharField(max_length=40)
    code = models.CharField(max_length=20)
    short_label = models.CharField(max_length=100, blank=True, default="")
    long_label = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        constraints = [unique_per_year("codelabel", "table", "code")]
        ordering = ["table", "code"]
        verbose_name = "libellé de code"

    def __str__(self) -> str:
        return f"{self.table} {self.code} — {self.label}"

    @property
    def label(self) -> str:
        return self.long_label or self.short_label or self.code
