"""« Importer des données », the job page with its progress fragment, and « Historique des imports ».

Administrateurs only. Every object comes from the URL's establishment (the middleware already answered
404 to outsiders); a job of another establishment is a 404 too.
"""

from __future__ import annotations

import csv
import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest
from establishments.school_years import current_school_year, school_year_label
from jobs import selectors
from jobs.forms import ImportForm
from jobs.imports import import_job_start
from jobs.models import Job, JobKind, JobStatus
from jobs.services import JobRefused, job_cancel, job_confirm
from jobs.sts import sts_job_start
from jobs.uploads import bounded_upload, oversized_files

ADMIN = "administrateur"
LIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)
PREVIEW_LIST_LIMIT = 500  # longer lists are in the CSV report


@bounded_upload
@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def import_start(request: EstablishmentRequest, uai: str) -> HttpResponse:
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        establishments=request.accessible_establishments,
        current=request.establishment,
        oversized=oversized_files(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = _start(request, form)
        except JobRefused as refused:
            for line in refused.details:
                form.add_error(None, line)
        else:
            return redirect("jobs:job", uai=job.establishment.uai, job_id=job.pk)
    return render(request, "jobs/import_form.html", _form_context(request, form))


def _start(request: EstablishmentRequest, form: ImportForm) -> Job:
    establishment, school_year = form.establishment, form.cleaned_data["school_year"]
    if form.imports_sts:
        return sts_job_start(
            establishment=establishment,
            school_year=school_year,
            upload=form.sts_upload(),
            preview=not form.cleaned_data["no_preview"],
            requested_by=request.user,
        )
    return import_job_start(
        establishment=establishment,
        school_year=school_year,
        request=form.import_request(),
        requested_by=request.user,
        files=form.import_files(),
    )


def _form_context(request: EstablishmentRequest, form: ImportForm) -> dict[str, object]:
    year = form.data.get("school_year") or current_school_year()
    try:
        year = int(year)
    except ValueError:
        year = current_school_year()
    ready = selectors.netsynchro_ready(establishments=request.accessible_establishments, school_year=year)
    return {
        "form": form,
        "year_label": school_year_label(year),
        "netsynchro_ready": ready.get(request.establishment.uai, False),
        "active_job": selectors.active_import(establishment=request.establishment),
    }


@role_required(ADMIN)
@require_GET
def job_detail(request: EstablishmentRequest, uai: str, job_id: uuid.UUID) -> HttpResponse:
    job = selectors.import_job_get(establishment=request.establishment, job_id=job_id)
    preview = job.preview or {}
    context = {
        "job": job,
        "progress": selectors.job_progress(job),
        "live": job.status in LIVE_STATUSES,
        "preview": preview,
        "limit": PREVIEW_LIST_LIMIT,
        "year_label": school_year_label(job.school_year),
        "sts": job.kind == JobKind.IMPORT_STS,
    }
    return render(request, "jobs/job_detail.html", context)


@role_required(ADMIN)
@require_GET
def job_progress(request: EstablishmentRequest, uai: str, job_id: uuid.UUID) -> HttpResponse:
    """The polled fragment. Once the job leaves the queue or the run, the whole page reloads to show the
    preview, the result or the error."""
    job = selectors.import_job_get(establishment=request.establishment, job_id=job_id)
    response = render(
        request,
        "jobs/_progress.html",
        {"job": job, "progress": selectors.job_progress(job), "live": job.status in LIVE_STATUSES},
    )
    if job.status not in LIVE_STATUSES:
        response["HX-Refresh"] = "true"
    return response


@role_required(ADMIN)
@require_POST
def job_confirm_view(request: EstablishmentRequest, uai: str, job_id: uuid.UUID) -> HttpResponse:
    job = selectors.import_job_get(establishment=request.establishment, job_id=job_id)
    if not job_confirm(job=job):
        messages.info(request, "Cet aperçu n'attend plus de confirmation.")
    return redirect("jobs:job", uai=uai, job_id=job.pk)


@role_required(ADMIN)
@require_POST
def job_cancel_view(request: EstablishmentRequest, uai: str, job_id: uuid.UUID) -> HttpResponse:
    job = selectors.import_job_get(establishment=request.establishment, job_id=job_id)
    if job_cancel(job=job):
        messages.success(request, "Import annulé : rien n'a été modifié.")
        return redirect("jobs:import", uai=uai)
    messages.info(request, "Cet import ne peut plus être annulé.")
    return redirect("jobs:job", uai=uai, job_id=job.pk)


@role_required(ADMIN)
@require_GET
def history(request: EstablishmentRequest, uai: str) -> HttpResponse:
    jobs = selectors.import_history(establishment=request.establishment)[:200]
    return render(request, "jobs/history.html", {"jobs": jobs})


@role_required(ADMIN)
@require_GET
def job_report(request: EstablishmentRequest, uai: str, job_id: uuid.UUID) -> HttpResponse:
    job = selectors.import_job_get(establishment=request.establishment, job_id=job_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{uai}-{job.created_at:%Y%m%d-%H%M}.csv"'
    response.write("\ufeff")  # lets a spreadsheet open the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerows(selectors.job_report_rows(job))
    return response
