"""Reads for the import pages. Every lookup filters on the establishment explicitly (404 otherwise)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from certificates.selectors import certificate_rows
from establishments.models import Establishment
from jobs.models import ACTIVE_STATUSES, IMPORT_KIND_PREFIX, Job, JobKind, JobStatus
from jobs.progress import Progress, progress_read

USABLE_CERTIFICATE = {"valid", "expiring"}
REPORT_HEADER = ["type", "ELEVE_ID", "INE", "nom", "champ", "avant", "après", "message"]


def import_jobs(*, establishment: Establishment) -> QuerySet[Job]:
    return Job.objects.filter(establishment=establishment, kind__startswith=IMPORT_KIND_PREFIX)


def import_job_get(*, establishment: Establishment, job_id: uuid.UUID) -> Job:
    job = import_jobs(establishment=establishment).select_related("import_run").filter(pk=job_id).first()
    if job is None:
        raise Http404("Import inconnu.")
    return job


def active_import(*, establishment: Establishment) -> Job | None:
    return import_jobs(establishment=establishment).filter(status__in=ACTIVE_STATUSES).first()


def import_history(*, establishment: Establishment) -> QuerySet[Job]:
    return import_jobs(establishment=establishment).select_related("import_run").order_by("-created_at")


def establishment_jobs(
    *, establishment: Establishment, kinds: Sequence[str], kind: str = "", status: str = ""
) -> QuerySet[Job]:
    """Jobs of the given kinds (those the reader may see), newest first, optionally of one kind or status."""
    jobs = Job.objects.filter(establishment=establishment, kind__in=kinds)
    if kind:
        jobs = jobs.filter(kind=kind)
    if status:
        jobs = jobs.filter(status=status)
    return jobs.order_by("-created_at")


def establishment_job_get(*, establishment: Establishment, job_id: uuid.UUID, kinds: Sequence[str]) -> Job:
    job = establishment_jobs(establishment=establishment, kinds=kinds).filter(pk=job_id).first()
    if job is None:
        raise Http404("Traitement inconnu.")
    return job


def job_progress(job: Job) -> Progress:
    """Live progress while the job runs (from the cache), its recorded state otherwise."""
    live = progress_read(job.pk) if job.status == JobStatus.RUNNING else None
    return live or Progress(job.step, job.progress_done)


def netsynchro_ready(*, establishments: list[Establishment], school_year: int) -> dict[str, bool]:
    """UAI → whether a usable NetSynchro certificate is installed for that year."""
    rows = certificate_rows(establishments=establishments, school_year=school_year)
    return {row.establishment.uai: row.status.code in USABLE_CERTIFICATE for row in rows}


def job_report_rows(job: Job) -> Iterator[list[str]]:
    """The job's report, one line per change or record issue (the « Historique des imports » CSV)."""
    report: dict[str, Any] = job.preview or {}
    if job.kind == JobKind.IMPORT_STS:
        yield from _sts_report_rows(job, report)
        return
    yield REPORT_HEADER
    for row in report.get("arrivals", []):
        yield ["arrivée", row["eleve_id"], row["ine"], row["name"], "", "", "", ""]
    for row in report.get("departures", []):
        yield ["départ", row["eleve_id"], row["ine"], row["name"], "", "", "", ""]
    for row in report.get("changes", []):
        yield ["modification", row["eleve_id"], row["ine"], row["name"], row["field"], row["before"], row["after"], ""]
    for row in report.get("refused", []):
        yield ["refusé", row["eleve_id"], row["ine"], row["name"], "", "", "", row["message"]]
    for message in report.get("warnings", []):
        yield ["avertissement", "", "", "", "", "", "", message]
    if job.error:
        yield ["échec", "", "", "", "", "", "", job.error]


STS_REPORT_HEADER = ["type", "données", "créés", "modifiés", "supprimés", "inchangés", "message"]


def _sts_report_rows(job: Job, report: dict[str, Any]) -> Iterator[list[str]]:
    """The STS-Web import's report: the file's counts, then one line per table changed."""
    yield STS_REPORT_HEADER
    for row in report.get("count_rows", []):
        yield ["contenu", row["label"], str(row["count"]), "", "", "", ""]
    for row in report.get("change_rows", []):
        numbers = [str(row.get(key, "")) for key in ("created", "updated", "deleted", "unchanged")]
        yield ["changements", row["label"], *numbers, ""]
    for message in report.get("warnings", []):
        yield ["avertissement", "", "", "", "", "", message]
    if job.error:
        yield ["échec", "", "", "", "", "", job.error]
