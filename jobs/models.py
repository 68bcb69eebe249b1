"""Background jobs (imports now, exports next): one row per request, the source of truth for its pages.

The Celery result backend is not used: a job is tenant-scoped, queryable for the history, and outlives
any task result. See CONVENTIONS.md §C.2.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_scopes import ScopedManager

from establishments.models import Establishment, Organisation
from establishments.scoping import establishment_scoped_manager
from jobs.storage import job_file_storage


class JobKind(models.TextChoices):
    """What a job does. Kinds named ``import_*`` share the one-active-import slot of an establishment."""

    IMPORT_SIECLE = "import_siecle", "Élèves et responsables"
    IMPORT_STS = "import_sts", "Structures et services (STS-Web)"  # runner: jobs.sts
    EXPORT_MINISTRY = "export_ministry", "Export vers STS-Web / SIECLE"  # runner: exports.jobs


class JobStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    RUNNING = "running", "En cours"
    AWAITING_CONFIRMATION = "awaiting_confirmation", "Aperçu à valider"
    SUCCEEDED = "succeeded", "Terminé"
    FAILED = "failed", "Échec"
    CANCELLED = "cancelled", "Annulé"


# A preview waiting for « Importer » still holds the establishment's import slot: what it shows must be
# what gets applied, so no other import may slip in between.
ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.AWAITING_CONFIRMATION)
FINISHED_STATUSES = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)
IMPORT_KIND_PREFIX = "import_"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # also the Celery task id
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="jobs")
    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="jobs")
    school_year = models.PositiveSmallIntegerField("année scolaire")
    kind = models.CharField("type", max_length=40, choices=JobKind.choices)
    options = models.JSONField(default=dict)  # e.g. source, « Avec nomenclatures », preview wanted
    status = models.CharField("statut", max_length=30, choices=JobStatus.choices, default=JobStatus.QUEUED)
    step = models.CharField("étape", max_length=100, blank=True, default="")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_label = models.CharField("demandé par", max_length=150)  # a username, or « planification »
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)  # sent to the queue (the fairness cap counts it)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)  # « Importer » clicked on the preview
    worker = models.CharField(max_length=200, blank=True, default="")  # host:pid of the current attempt
    attempts = models.PositiveSmallIntegerField(default=0)
    preview = models.JSONField(null=True, blank=True)  # what « Aperçu de l'import » shows
    preview_digest = models.CharField(max_length=64, blank=True, default="")  # the previewed plan
    result = models.JSONField(null=True, blank=True)  # the summary once finished
    import_run = models.ForeignKey(
        "siecle.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    error = models.TextField("erreur", blank=True, default="")

    objects = ScopedManager(organisation="organisation", establishment="establishment")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "tâche"
        constraints = [
            models.UniqueConstraint(
                fields=["establishment"],
                condition=Q(kind__startswith=IMPORT_KIND_PREFIX, status__in=ACTIVE_STATUSES),
                name="one_active_import_per_establishment",
            )
        ]
        indexes = [
            models.Index(fields=["establishment", "-created_at"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.establishment.uai} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def duration_label(self) -> str:
        """The last run's duration in words (« 4 s », « 2 min 05 s »), for the history."""
        if self.started_at is None or self.finished_at is None:
            return "—"
        seconds = max(0, round((self.finished_at - self.started_at).total_seconds()))
        return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def job_file_path(instance: JobFile, filename: str) -> str:
    return f"{instance.job.establishment.uai}/{instance.job_id}/{uuid.uuid4().hex}"


class JobFile(models.Model):
    """An input file of a job (uploaded, or fetched from NetSynchro), kept privately until the retention ends."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    name = models.CharField("nom", max_length=255)
    kind = models.CharField("type", max_length=40, blank=True, default="")  # recognised from the content
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content = models.FileField(storage=job_file_storage, upload_to=job_file_path, max_length=300)
    purged_at = models.DateTimeField(null=True, blank=True)

    objects = establishment_scoped_manager("job__establishment")

    class Meta:
        ordering = ["name"]
        verbose_name = "fichier de tâche"

    def __str__(self) -> str:
        return self.name
