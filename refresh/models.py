"""One refresh schedule per establishment, and one row per scheduled (or operator) refresh.

The static beat entry ``refresh.run_due`` reads the schedules each tick, so a change made on the page
applies at the next tick without restarting anything; ``next_run_at`` is claimed with a conditional
update, so a beat firing twice starts one job.
"""

from __future__ import annotations

from django.db import models

from establishments.models import Establishment
from establishments.scoping import establishment_scoped_manager


class Frequency(models.TextChoices):
    OFF = "off", "Désactivée"
    DAILY = "daily", "Chaque nuit"
    WEEKLY = "weekly", "Chaque semaine"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "lundi"
    TUESDAY = 1, "mardi"
    WEDNESDAY = 2, "mercredi"
    THURSDAY = 3, "jeudi"
    FRIDAY = 4, "vendredi"
    SATURDAY = 5, "samedi"
    SUNDAY = 6, "dimanche"


class Policy(models.TextChoices):
    APPLY = "apply", "Appliquer automatiquement"
    PREVIEW = "preview", "Préparer un aperçu à valider"


ANY_HOUR = -1  # « Dans la nuit »: anywhere in the night window


class RefreshSchedule(models.Model):
    establishment = models.OneToOneField(Establishment, on_delete=models.CASCADE, related_name="refresh_schedule")
    frequency = models.CharField("fréquence", max_length=10, choices=Frequency.choices, default=Frequency.OFF)
    weekday = models.PositiveSmallIntegerField("jour", choices=Weekday.choices, default=Weekday.SUNDAY)
    hour = models.SmallIntegerField("heure", default=ANY_HOUR)  # ANY_HOUR or the hour the run starts in
    with_nomenclatures = models.BooleanField("avec nomenclatures", default=False)
    keep_existing = models.BooleanField("conserver les élèves déjà présents", default=False)
    groups = models.BooleanField("répartition dans les groupes", default=False)
    policy = models.CharField("après l'analyse", max_length=10, choices=Policy.choices, default=Policy.APPLY)
    next_run_at = models.DateTimeField("prochaine mise à jour", null=True, blank=True, db_index=True)
    # The problem reported last (certificate, NetSynchro): reported once, cleared by the next good run.
    problem_kind = models.CharField(max_length=20, blank=True, default="")  # certificate, netsynchro, import
    problem = models.TextField("problème signalé", blank=True, default="")
    problem_since = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = establishment_scoped_manager()

    class Meta:
        verbose_name = "mise à jour automatique"

    def __str__(self) -> str:
        return f"{self.establishment.uai}: {self.get_frequency_display()}"

    @property
    def enabled(self) -> bool:
        return self.frequency != Frequency.OFF


class Outcome(models.TextChoices):
    STARTED = "started", "En cours"
    UNCHANGED = "unchanged", "Aucun changement"
    APPLIED = "applied", "Changements appliqués"
    HELD = "held", "Aperçu à valider"
    FAILED = "failed", "Échec"
    SKIPPED = "skipped", "Non lancée (import déjà en cours)"


class RefreshRun(models.Model):
    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="refresh_runs")
    job = models.OneToOneField("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="refresh")
    started_at = models.DateTimeField("lancée le", auto_now_add=True)
    outcome = models.CharField("résultat", max_length=10, choices=Outcome.choices, default=Outcome.STARTED)
    changed = models.BooleanField(default=False)  # the export differed from the database
    applied = models.BooleanField(default=False)  # and it was written
    emails = models.PositiveSmallIntegerField(default=0)  # digests sent
    message = models.TextField(blank=True, default="")  # why it was held, failed or skipped

    objects = establishment_scoped_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "mise à jour automatique (exécution)"
        indexes = [models.Index(fields=["establishment", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.establishment.uai} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"
