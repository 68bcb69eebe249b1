"""« Gérer les certificats NetSynchro »: every member sees the statuses; administrateurs manage.

The page covers the establishments of the organisation the member may see (``request.accessible_
establishments``), for the school year chosen with ``?annee=``. A row's target UAI comes from the URL
and is resolved against that list only, so another tenant's UAI answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from certificates import selectors, services
from certificates.connection import connection_test_request
from certificates.forms import CONFIRMATION_FOR_ERROR, CertificateForm
from certificates.pkcs12 import CertificateError
from certificates.uploads import BoundedMemoryUploadHandler
from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest
from establishments.models import Establishment
from establishments.school_years import requested_school_year, school_year_label, selectable_school_years

ADMIN = "administrateur"
PASSWORD_ERRORS = {"wrong_password"}


def in_memory_upload(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Swap in the bounded in-memory upload handler before anything reads the body (hence the CSRF
    check moved inside, as Django's docs show for per-view upload handlers)."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: EstablishmentRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.upload_handlers = [BoundedMemoryUploadHandler(request)]
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def manage(request: EstablishmentRequest, uai: str) -> HttpResponse:
    year = requested_school_year(request)
    establishments = request.accessible_establishments
    rows = selectors.certificate_rows(establishments=establishments, school_year=year)
    context = {
        "year": year,
        "year_label": school_year_label(year),
        "years": [(y, school_year_label(y)) for y in selectable_school_years()],
        "rows": rows,
        # A connection test under way: the page reloads itself until the result shows (no JavaScript needed).
        "refresh": any(row.last_test and row.last_test.state != "done" for row in rows),
        "events": selectors.certificate_events(establishments=establishments),
        "can_manage": request.membership.has_role(ADMIN),
    }
    return render(request, "certificates/manage.html", context)


def detail(request: EstablishmentRequest, uai: str, target_uai: str) -> HttpResponse:
    year = requested_school_year(request)
    target = _target(request, target_uai)
    certificate = selectors.certificate_for(establishment=target, school_year=year)
    tests = selectors.last_connection_tests([certificate] if certificate else [])
    context = {
        "year": year,
        "year_label": school_year_label(year),
        "target": target,
        "certificate": certificate,
        "last_test": tests.get(certificate.pk) if certificate else None,
        "status": selectors.certificate_status(certificate),
        "events": selectors.certificate_events(establishments=[target], limit=20),
        "can_manage": request.membership.has_role(ADMIN),
    }
    return render(request, "certificates/detail.html", context)


@sensitive_post_parameters("password")
@in_memory_upload
@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def add(request: EstablishmentRequest, uai: str) -> HttpResponse:
    initial = {"uai": request.GET.get("etablissement", "")}
    return _upload(request, uai, fixed=None, initial=initial)


@sensitive_post_parameters("password")
@in_memory_upload
@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def replace(request: EstablishmentRequest, uai: str, target_uai: str) -> HttpResponse:
    return _upload(request, uai, fixed=_target(request, target_uai), initial={})


def _upload(request: EstablishmentRequest, uai: str, *, fixed: Establishment | None, initial: dict) -> HttpResponse:
    year = requested_school_year(request)
    establishments = request.accessible_establishments
    form = CertificateForm(
        request.POST or None,
        request.FILES or None,
        establishments=establishments,
        fixed=fixed,
        initial=initial,
        installed=selectors.installed_for(establishments=establishments, school_year=year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_install(
                establishment=form.establishment,
                school_year=year,
                data=form.cleaned_data["certificate"],
                password=form.cleaned_data["password"],
                actor=request.user,
                confirm_replace=fixed is not None or form.confirmed("confirm_replace"),  # « Modifier » says it
                confirm_foreign_issuer=form.confirmed("confirm_issuer"),
            )
        except CertificateError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, f"Certificat enregistré pour {certificate.establishment.uai} ({school_year_label(year)})."
            )
            status = selectors.certificate_status(certificate)
            if status.code != "valid":  # e.g. it expires before the end of the school year
                messages.warning(request, f"Attention : ce certificat est {status.label}.")
            return _redirect(request, "certificates:detail", year, target_uai=certificate.establishment.uai)
    context = {"form": form, "year": year, "year_label": school_year_label(year), "target": fixed}
    return render(request, "certificates/form.html", context)


def _form_error(form: CertificateForm, error: CertificateError) -> None:
    confirmation = CONFIRMATION_FOR_ERROR.get(error.code)
    if confirmation:
        form.ask(confirmation)
        form.add_error(confirmation, error.message)
    else:
        form.add_error("password" if error.code in PASSWORD_ERRORS else "certificate", error.message)


@role_required(ADMIN)
@require_POST
def test_connection(request: EstablishmentRequest, uai: str, target_uai: str) -> HttpResponse:
    year = requested_school_year(request)
    target = _target(request, target_uai)
    certificate = selectors.certificate_for(establishment=target, school_year=year)
    if certificate is None:
        messages.info(request, f"Aucun certificat à tester pour {target.uai} ({school_year_label(year)}).")
    else:
        connection_test_request(certificate=certificate, actor=request.user)
        messages.success(
            request,
            f"Test de connexion lancé pour {target.uai} : le résultat s'affiche dans la liste dans quelques secondes.",
        )
    return _redirect(request, "certificates:manage", year)


@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def delete(request: EstablishmentRequest, uai: str, target_uai: str) -> HttpResponse:
    year = requested_school_year(request)
    target = _target(request, target_uai)
    certificate = selectors.certificate_for(establishment=target, school_year=year)
    if certificate is None:  # already deleted (second tab, double click): say so rather than 404
        messages.info(request, f"Aucun certificat à supprimer pour {target.uai} ({school_year_label(year)}).")
        return _redirect(request, "certificates:manage", year)
    if request.method == "POST":
        services.certificate_delete(certificate=certificate, actor=request.user)
        messages.success(request, f"Certificat de {target.uai} ({school_year_label(year)}) supprimé.")
        return _redirect(request, "certificates:manage", year)
    context = {"certificate": certificate, "target": target, "year": year, "year_label": school_year_label(year)}
    return render(request, "certificates/confirm_delete.html", context)


@role_required(ADMIN)
@require_POST
def copy_forward(request: EstablishmentRequest, uai: str, target_uai: str) -> HttpResponse:
    year = requested_school_year(request)
    target = _target(request, target_uai)
    try:
        services.certificate_copy_forward(establishment=target, school_year=year, actor=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"Certificat de {school_year_label(year - 1)} repris pour {target.uai} ({school_year_label(year)}).",
        )
    return _redirect(request, "certificates:manage", year)


def _target(request: EstablishmentRequest, target_uai: str) -> Establishment:
    for establishment in request.accessible_establishments:
        if establishment.uai == target_uai:
            return establishment
    raise Http404("Établissement inconnu.")


def _redirect(request: EstablishmentRequest, name: str, year: int, **kwargs: str) -> HttpResponseRedirect:
    url = reverse(name, kwargs={"uai": request.establishment.uai, **kwargs})
    return HttpResponseRedirect(f"{url}?annee={year}")
