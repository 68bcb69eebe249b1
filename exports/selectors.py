"""Reads for the export pages; every query names the establishment (the request scope is the net)."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from establishments.models import Establishment
from exports.models import Export
from jobs.models import JobStatus
from jobs.progress import Progress, progress_read

LIVE_JOB_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


def export_history(*, establishment: Establishment) -> QuerySet[Export]:
    return Export.objects.filter(establishment=establishment).select_related("job").defer("content")


def export_get(*, establishment: Establishment, export_id: uuid.UUID, with_content: bool = False) -> Export:
    queryset = Export.objects.filter(establishment=establishment).select_related("job", "establishment")
    return get_object_or_404(queryset if with_content else queryset.defer("content"), pk=export_id)


def export_live(export: Export) -> bool:
    """The job still runs, or its deposit is not « Intégré » or « Rejeté » yet: the page keeps polling."""
    running = export.job is not None and export.job.status in LIVE_JOB_STATUSES
    return running or export.deposit_followed


def export_progress(export: Export) -> Progress:
    job = export.job
    if job is None:
        return Progress("Terminé", 100)
    live = progress_read(job.pk) if job.status in LIVE_JOB_STATUSES else None
    return live or Progress(job.step or job.get_status_display(), job.progress_done)
