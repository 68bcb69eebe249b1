"""The « Structures et services (STS-Web) » import as a job: the student import's machinery (claim,
heartbeat, preview held in the establishment's import slot, « Importer », history) around
``timetables.importing``.

The uploaded ``sts_emp`` file is checked from its header before any job exists. « Importer » applies the
stored file again inside one transaction and compares what it changed with the preview: when the data
moved in between, it rolls back (nothing written) like the student import does.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from establishments.models import Establishment
from jobs import progress
from jobs.imports import DATA_CHANGED, SOURCE_FILES
from jobs.models import Job, JobKind
from jobs.services import RUNNERS, TASKS, JobFailed, JobRefused, job_await_confirmation, job_create, job_succeed
from siecle.importing import ImportFile
from timetables.formats import FormatError, read_sts_header
from timetables.importing import Progress, StsImportResult, sts_import_analyse, sts_import_apply

STS_FILE_KIND = "sts_emp"
COUNT_LABELS = {
    "teachers": "Enseignants",
    "subjects": "Matières",
    "divisions": "Divisions",
    "groups": "Groupes",
    "services": "Services",
}
CHANGE_LABELS = {
    "teachers": "Enseignants",
    "subjects": "Matières",
    "mefs": "MEF",
    "modalities": "Modalités de cours",
    "divisions": "Divisions",
    "groups": "Groupes",
    "group_links": "Liens groupe–division",
    "services": "Services",
}


def sts_job_start(
    *,
    establishment: Establishment,
    school_year: int,
    upload: ImportFile,
    preview: bool,
    requested_by: User | None,
) -> Job:
    """Start an STS-Web import job. Raises JobRefused (nothing created) for a file of another
    establishment, year or kind, or when an import is already active for the establishment."""
    try:
        read_sts_header(upload.data, uai=establishment.uai, year=school_year)
    except FormatError as refusal:
        raise JobRefused(f"{upload.name} : {refusal.message}") from None
    return job_create(
        establishment=establishment,
        school_year=school_year,
        kind=JobKind.IMPORT_STS,
        options={"source": SOURCE_FILES, "preview": preview},
        requested_by=requested_by,
        files=[(upload.name, STS_FILE_KIND, upload.data)],
    )


def _publisher(job: Job) -> Progress:
    """The STS services report ``(percent, label)``; the job page reads a Progress from the cache."""

    def publish(percent: int, label: str) -> None:
        progress.progress_publish(job.pk, progress.Progress(label, percent))

    return publish


def _source(job: Job) -> bytes:
    job_file = job.files.first()
    if job_file is None or job_file.purged_at is not None:
        raise JobFailed("Le fichier de cet import a été supprimé (durée de conservation) : relancez l'import.")
    with job_file.content.open("rb") as handle:
        return handle.read()


def sts_preview(result: StsImportResult) -> dict[str, Any]:
    """What « Aperçu de l'import » shows (stored on the job, reused by the CSV report)."""
    return {
        "counts": dict(result.counts),
        "count_rows": [{"label": label, "count": result.counts.get(key, 0)} for key, label in COUNT_LABELS.items()],
        "changes": {name: dict(values) for name, values in result.changes.items()},
        "change_rows": [{"label": CHANGE_LABELS.get(name, name), **values} for name, values in result.changes.items()],
        "changed": result.changes_anything,
        "warnings": list(result.warnings),
    }


def _digest(result: StsImportResult) -> str:
    return hashlib.sha256(json.dumps(result.changes, sort_keys=True).encode()).hexdigest()


def _refusal(result: StsImportResult) -> JobFailed:
    return JobFailed("Import refusé, rien n'a été modifié : " + " ".join(result.errors))


def _preview(job: Job, source: bytes) -> None:
    result = sts_import_analyse(
        establishment=job.establishment, school_year=job.school_year, source=source, progress=_publisher(job)
    )
    if result.refused:
        raise _refusal(result)
    job_await_confirmation(job=job, preview=sts_preview(result), digest=_digest(result))


def _apply(job: Job, source: bytes) -> None:
    with transaction.atomic():
        result = sts_import_apply(
            establishment=job.establishment, school_year=job.school_year, source=source, progress=_publisher(job)
        )
        if result.refused:
            raise _refusal(result)
        if job.preview_digest and _digest(result) != job.preview_digest:
            raise JobFailed(DATA_CHANGED)  # leaving the block rolls the writes back
        job_succeed(job=job, result=result.summary(), preview=job.preview or sts_preview(result))


def run_import_sts(job: Job) -> None:
    source = _source(job)
    if job.options.get("preview", True) and job.confirmed_at is None:
        _preview(job, source)
    else:
        _apply(job, source)


RUNNERS[JobKind.IMPORT_STS] = run_import_sts
TASKS[JobKind.IMPORT_STS] = "imports.run_job"
