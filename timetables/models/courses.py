"""Weekly courses and services (teacher × subject × structure), on SIECLE's subjects and structures."""

from __future__ import annotations

import datetime as dt

from django.db import models

from timetables.models.base import WEEKDAYS, YearScopedModel
from timetables.models.calendar import WeekPattern
from timetables.models.resources import Room, Teacher

DEFAULT_MODALITY = "CG"  # « cours général », the common STS course modality


class Course(YearScopedModel):
    """A weekly course: EDT_STS ``COURS`` under each of its structures' services, one per teacher."""

    subject = models.ForeignKey("siecle.Subject", on_delete=models.PROTECT, related_name="+", verbose_name="matière")
    teachers = models.ManyToManyField(Teacher, related_name="courses", verbose_name="enseignants")
    divisions = models.ManyToManyField("siecle.Division", related_name="+", blank=True, verbose_name="divisions")
    groups = models.ManyToManyField("siecle.Group", related_name="+", blank=True, verbose_name="groupes")
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="courses", verbose_name="salle"
    )
    weekday = models.PositiveSmallIntegerField("jour", choices=WEEKDAYS)
    starts_at = models.TimeField("début")
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)")
    week_pattern = models.ForeignKey(
        WeekPattern, on_delete=models.PROTECT, related_name="courses", verbose_name="semaines"
    )
    modality_code = models.CharField("modalité de cours", max_length=20, default=DEFAULT_MODALITY)

    class Meta:
        indexes = [models.Index(fields=["establishment", "school_year", "weekday", "starts_at"])]
        ordering = ["weekday", "starts_at"]
        verbose_name = "cours"
        verbose_name_plural = "cours"

    @property
    def start_minute(self) -> int:
        return self.starts_at.hour * 60 + self.starts_at.minute

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.duration_minutes

    @property
    def ends_at(self) -> dt.time:
        return dt.time(*divmod(min(self.end_minute, 24 * 60 - 1), 60))


class Service(YearScopedModel):
    """A teacher's service in one structure (division xor group) and subject, as STS-Web knows it.

    ``sts_hours`` is the teacher's HEURES_AGENT (else the service's HEURES_STRUCTURE); the hours the courses
    actually give are computed (``timetables.selectors.service_rows``) and compared with it.
    """

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="services")
    subject = models.ForeignKey("siecle.Subject", on_delete=models.PROTECT, related_name="+")
    division = models.ForeignKey("siecle.Division", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    group = models.ForeignKey("siecle.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    modality_code = models.CharField("modalité de cours", max_length=20, default=DEFAULT_MODALITY)
    sts_hours = models.DecimalField("heures STS", max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(division__isnull=False, group__isnull=True)
                | models.Q(division__isnull=True, group__isnull=False),
                name="timetables_service_one_structure",
            ),
            models.UniqueConstraint(
                fields=["teacher", "subject", "division", "modality_code"],
                condition=models.Q(division__isnull=False),
                name="timetables_service_unique_division",
            ),
            models.UniqueConstraint(
                fields=["teacher", "subject", "group", "modality_code"],
                condition=models.Q(group__isnull=False),
                name="timetables_service_unique_group",
            ),
        ]
        verbose_name = "service"

    @property
    def structure(self) -> object:
        return self.division or self.group
