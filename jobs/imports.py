"""The « Élèves et responsables » import as a job: start it (page, beat, command or API alike), then run it.

The run fetches the exports from NetSynchro when asked (they are kept as the job's files, so « Importer »
applies exactly the previewed files), analyses them with ``siecle.importing`` and either stops at the
preview or applies the difference in one transaction, the job's outcome committed with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from establishments.models import Establishment
from establishments.school_years import school_year_label
from jobs import progress
from jobs.models import Job, JobKind
from jobs.preview import import_preview, plan_digest
from jobs.selectors import netsynchro_ready
from jobs.services import (
    RUNNERS,
    JobFailed,
    JobRefused,
    establishment_scope,
    job_await_confirmation,
    job_create,
    job_file_add,
    job_succeed,
)
from netsynchro.errors import NetSynchroError
from netsynchro.services import fetch_exports
from siecle.formats import ExportKind, FormatError, stream_export
from siecle.importing import ImportAnalysis, ImportFile, ImportOptions, ImportRefused, import_analyse, import_apply
from siecle.importing.files import KIND_LABELS, uai_mismatch_message

SOURCE_NETSYNCHRO = "netsynchro"
SOURCE_FILES = "files"
DATA_CHANGED = (
    "Les données ont changé depuis l'aperçu (un autre import ou une modification a eu lieu entre-temps) : "
    "rien n'a été modifié. Relancez l'import pour voir un nouvel aperçu."
)
NETSYNCHRO_KINDS = ("eleves", "responsables", "structures")  # plus "nomenclatures" with « Avec nomenclatures »


@dataclass(frozen=True)
class ImportRequest:
    """What the « Importer des données » form asks for."""

    source: str  # SOURCE_NETSYNCHRO or SOURCE_FILES
    options: ImportOptions
    preview: bool = True  # False: « Importer sans aperçu »
    trigger: str = ""  # who started it when not a person (TRIGGERED_RUNNERS), e.g. the nightly refresh

    def as_options(self) -> dict[str, Any]:
        trigger = {"trigger": self.trigger} if self.trigger else {}
        return {"source": self.source, "preview": self.preview, **self.options.as_dict(), **trigger}


def _file_problems(item: ImportFile, establishment: Establishment, school_year: int) -> tuple[str | None, list[str]]:
    """The kind of one file and its refusals, from its PARAMETRES header only (the body is not read)."""
    try:
        with stream_export(item.data) as stream:
            envelope = stream.envelope
    except FormatError as error:
        return None, [f"{item.name} : {error.message}"]
    problems = []
    if envelope.uai != establishment.uai:
        problems.append(f"{item.name} : {uai_mismatch_message(envelope.uai or '?', establishment)}")
    if envelope.school_year != school_year:
        found = school_year_label(envelope.school_year) if envelope.school_year else "inconnue"
        problems.append(
            f"{item.name} : ce fichier concerne l'année scolaire {found}, pas {school_year_label(school_year)}."
        )
    return envelope.kind.value, problems


def import_files_check(
    *, files: Sequence[ImportFile], establishment: Establishment, school_year: int
) -> tuple[list[str], list[str]]:
    """Refuse early, before any job exists: returns each file's kind and the French refusals."""
    kinds, problems = [], []
    for item in files:
        kind, found = _file_problems(item, establishment, school_year)
        kinds.append(kind or "")
        problems.extend(found)
    for kind in {kind for kind in kinds if kind}:
        if kinds.count(kind) > 1:
            problems.append(f"Plusieurs fichiers {KIND_LABELS[ExportKind(kind)]} : un seul fichier par type.")
    if not problems and ExportKind.ELEVES.value not in kinds:
        problems.append("Le fichier Élèves (ElevesAvecAdresses ou ElevesSansAdresses) est obligatoire.")
    return kinds, problems


def import_job_start(
    *,
    establishment: Establishment,
    school_year: int,
    request: ImportRequest,
    requested_by: User | None,
    files: Sequence[ImportFile] = (),
) -> Job:
    """Start an import job: the one path for the page, the nightly refresh, commands and the API.

    Raises JobRefused (nothing created) for unusable files or when an import is already active.
    """
    stored: list[tuple[str, str, bytes]] = []
    if request.source == SOURCE_NETSYNCHRO:
        _check_certificate(establishment, school_year)
    if request.source == SOURCE_FILES:
        if not files:
            raise JobRefused("Choisissez au moins un fichier SIECLE.")
        kinds, problems = import_files_check(files=files, establishment=establishment, school_year=school_year)
        if problems:
            raise JobRefused(" ".join(problems), details=problems)
        stored = [(item.name, kind, item.data) for item, kind in zip(files, kinds, strict=True)]
    return job_create(
        establishment=establishment,
        school_year=school_year,
        kind=JobKind.IMPORT_SIECLE,
        options=request.as_options(),
        requested_by=requested_by,
        files=stored,
    )


def _check_certificate(establishment: Establishment, school_year: int) -> None:
    with establishment_scope(establishment):  # also called outside a request (beat, commands)
        ready = netsynchro_ready(establishments=[establishment], school_year=school_year)[establishment.uai]
    if not ready:
        raise JobRefused(
            f"Aucun certificat NetSynchro valide pour {establishment.uai} en {school_year_label(school_year)} : "
            "installez-le dans « Gestion des certificats », ou importez des fichiers SIECLE."
        )


def _fetch(job: Job) -> None:
    publish = progress.Throttled(job.pk)
    kinds = (*NETSYNCHRO_KINDS, "nomenclatures") if job.options.get("with_nomenclatures") else NETSYNCHRO_KINDS
    publish("fetching", 0, len(kinds))
    try:
        exports = fetch_exports(establishment=job.establishment, year=job.school_year, kinds=kinds)
    except NetSynchroError as error:
        raise JobFailed(f"Récupération sur NetSynchro impossible : {error.message}") from None
    try:
        for kind, export in exports.items():
            job_file_add(job=job, name=export.filename, kind=kind, data=export.read_bytes())
    finally:
        for export in exports.values():
            export.discard()  # the job's private copy is kept; the fetched temporary file is not
    publish("fetching", len(kinds), len(kinds))


def _job_files(job: Job) -> list[ImportFile]:
    files = []
    for job_file in job.files.all():
        if job_file.purged_at is not None:
            raise JobFailed("Les fichiers de cet import ont été supprimés (durée de conservation) : relancez l'import.")
        with job_file.content.open("rb") as handle:
            files.append(ImportFile(name=job_file.name, data=handle.read()))
    return files


def _options(job: Job) -> ImportOptions:
    return ImportOptions(
        with_nomenclatures=bool(job.options.get("with_nomenclatures")),
        keep_existing=bool(job.options.get("keep_existing")),
        groups=bool(job.options.get("groups")),
    )


def _refusal(analysis: ImportAnalysis) -> JobFailed:
    return JobFailed("Import refusé, rien n'a été modifié : " + " ".join(analysis.errors))


def _preview(job: Job, files: list[ImportFile]) -> None:
    analysis = import_analyse(
        establishment=job.establishment,
        school_year=job.school_year,
        files=files,
        options=_options(job),
        progress=progress.Throttled(job.pk),
    )
    if analysis.refused:
        raise _refusal(analysis)
    job_await_confirmation(job=job, preview=import_preview(analysis), digest=plan_digest(analysis.plan))


def _apply(job: Job, files: list[ImportFile]) -> None:
    report: dict[str, Any] = {}

    def check_and_describe(analysis: ImportAnalysis) -> None:
        # Inside the transaction, before writing: the data cannot change any more.
        if job.preview_digest and plan_digest(analysis.plan) != job.preview_digest:
            raise JobFailed(DATA_CHANGED)
        report.update(import_preview(analysis))

    try:
        with transaction.atomic():
            result = import_apply(
                establishment=job.establishment,
                school_year=job.school_year,
                files=files,
                options=_options(job),
                user=job.requested_by,
                progress=progress.Throttled(job.pk),
                before_write=check_and_describe,
            )
            # The report of a previewed import is its preview (same digest); otherwise the one just built.
            job_succeed(job=job, result=result.summary(), preview=job.preview or report, import_run=result.run)
    except ImportRefused as refused:
        raise _refusal(refused.analysis) from None


def import_job_files(job: Job) -> list[ImportFile]:
    """The job's files, fetched from NetSynchro first when that is its source. Raises JobFailed."""
    if job.options.get("source") == SOURCE_NETSYNCHRO and not job.files.exists():
        _fetch(job)
    return _job_files(job)


def import_job_options(job: Job) -> ImportOptions:
    return _options(job)


# trigger → the runner of a job started by it (registered by its app, e.g. refresh.runner), used until
# its preview is confirmed; « Importer » on that preview then applies it like any other import.
TRIGGERED_RUNNERS: dict[str, Callable[[Job], None]] = {}


def run_import_siecle(job: Job) -> None:
    triggered = TRIGGERED_RUNNERS.get(job.options.get("trigger", ""))
    if triggered is not None and job.confirmed_at is None:
        triggered(job)
        return
    files = import_job_files(job)
    if job.options.get("preview", True) and job.confirmed_at is None:
        _preview(job, files)
    else:
        _apply(job, files)


RUNNERS[JobKind.IMPORT_SIECLE] = run_import_siecle
