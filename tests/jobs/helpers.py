"""Helpers for the job tests: generated SIECLE files, starting a job, running it like a worker would."""

from __future__ import annotations

from django_scopes import scopes_disabled

from jobs.imports import SOURCE_FILES, SOURCE_NETSYNCHRO, ImportRequest, import_job_start
from jobs.models import Job
from jobs.services import job_run
from siecle.formats.generator import GeneratedSet, export_xml_bytes
from siecle.importing import ImportFile, ImportOptions
from tests.siecle.helpers import ALL_EXPORTS, YEAR, make_set

__all__ = ["YEAR", "make_set"]


def import_files(data: GeneratedSet, names: tuple[str, ...] = ALL_EXPORTS) -> list[ImportFile]:
    return [ImportFile(name=f"{data.uai}_{name}.xml", data=export_xml_bytes(data, name)) for name in names]


def start_files_job(establishment, user, data: GeneratedSet, *, preview: bool = True, **options: bool) -> Job:
    request = ImportRequest(source=SOURCE_FILES, options=ImportOptions(**options), preview=preview)
    return import_job_start(
        establishment=establishment, school_year=YEAR, request=request, requested_by=user, files=import_files(data)
    )


def start_netsynchro_job(establishment, user, *, year: int = YEAR, preview: bool = True) -> Job:
    request = ImportRequest(source=SOURCE_NETSYNCHRO, options=ImportOptions(), preview=preview)
    return import_job_start(establishment=establishment, school_year=year, request=request, requested_by=user)


def deliver(job: Job) -> Job:
    """One delivery of the job's task, in this process (what a worker does with the message)."""
    job_run(job_id=str(job.pk))
    return fresh(job)


def fresh(job: Job) -> Job:
    with scopes_disabled():
        return Job.objects.get(pk=job.pk)
