"""« Exporter vers STS-Web / SIECLE » (the wizard), the export's page with its progress and deposit, the
file download and « Historique des exports ». Concepteurs and administrateurs; every object comes from
the URL's establishment (404 otherwise)."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest
from establishments.school_years import requested_school_year, school_year_label
from exports import selectors
from exports.forms import DeliveryForm, TargetForm
from exports.models import Export
from exports.services import export_check, export_start
from exports.targets import DESCRIPTIONS, STS_WEB_NOTICE, Target
from jobs.selectors import netsynchro_ready
from jobs.services import JobRefused

ROLES = ("administrateur", "concepteur")


@role_required(*ROLES)
@require_GET
def wizard(request: EstablishmentRequest, uai: str) -> HttpResponse:
    school_year = requested_school_year(request)
    step = request.GET.get("etape", "")
    chosen = request.GET.get("etablissement", "")
    establishments = list(request.accessible_establishments)
    if chosen and chosen != uai and any(e.uai == chosen for e in establishments):
        return redirect(f"{reverse('exports:start', kwargs={'uai': chosen})}?etape=export&annee={school_year}")
    context = {"school_year": school_year, "year_label": school_year_label(school_year), "descriptions": DESCRIPTIONS}
    if not step and len(establishments) > 1:
        return render(request, "exports/wizard_establishment.html", {**context, "establishments": establishments})
    form = TargetForm(request.GET if "export" in request.GET else None)
    if step not in ("controles", "envoi") or not form.is_valid():
        return render(request, "exports/wizard_target.html", {**context, "form": form, "targets": Target})
    target = form.cleaned_data["export"]
    report = export_check(establishment=request.establishment, school_year=school_year, target=target)
    context.update(target=Target(target), report=report)
    if step == "envoi" and not report.blocked and (request.GET.get("avertissements") or not report.warnings):
        return render(request, "exports/wizard_delivery.html", {**context, **_delivery_context(request, school_year)})
    return render(request, "exports/wizard_checks.html", context)


def _delivery_context(request: EstablishmentRequest, school_year: int) -> dict[str, object]:
    ready = netsynchro_ready(establishments=[request.establishment], school_year=school_year)
    return {"netsynchro_ready": ready.get(request.establishment.uai, False), "sts_web_notice": STS_WEB_NOTICE}


@role_required(*ROLES)
@require_POST
def generate(request: EstablishmentRequest, uai: str) -> HttpResponse:
    """« Générer le fichier »: queue the export job and show its page."""
    school_year = requested_school_year(request)
    ready = netsynchro_ready(establishments=[request.establishment], school_year=school_year)
    form = DeliveryForm(request.POST, netsynchro_ready=ready.get(uai, False))
    context = {"school_year": school_year, "year_label": school_year_label(school_year), "descriptions": DESCRIPTIONS}
    if form.is_valid():
        try:
            export = export_start(
                establishment=request.establishment,
                school_year=school_year,
                target=form.cleaned_data["export"],
                delivery=form.cleaned_data["envoi"],
                accept_warnings=form.cleaned_data["avertissements"],
                requested_by=request.user if request.user.is_authenticated else None,
            )
        except JobRefused as refused:
            for line in refused.details:
                form.add_error(None, line)
        else:
            return redirect("exports:export", uai=uai, export_id=export.pk)
    chosen = str(form.data.get("export", ""))
    target = Target(chosen) if chosen in Target.values else Target.STS_WEB
    context.update(target=target, form=form, **_delivery_context(request, school_year))
    return render(request, "exports/wizard_delivery.html", context, status=400)


def _detail_context(export: Export) -> dict[str, object]:
    return {
        "export": export,
        "job": export.job,
        "live": selectors.export_live(export),
        "progress": selectors.export_progress(export),
        "year_label": school_year_label(export.school_year),
        "sts_web_notice": STS_WEB_NOTICE if export.target == Target.STS_WEB else "",
    }


@role_required(*ROLES)
@require_GET
def export_detail(request: EstablishmentRequest, uai: str, export_id: uuid.UUID) -> HttpResponse:
    export = selectors.export_get(establishment=request.establishment, export_id=export_id)
    return render(request, "exports/export_detail.html", _detail_context(export))


@role_required(*ROLES)
@require_GET
def export_progress(request: EstablishmentRequest, uai: str, export_id: uuid.UUID) -> HttpResponse:
    """The polled fragment; the whole page reloads when the job ends (to offer the file) and once the
    deposit is « Intégré » or « Rejeté »."""
    export = selectors.export_get(establishment=request.establishment, export_id=export_id)
    context = _detail_context(export)
    response = render(request, "exports/_progress.html", context)
    job_status = export.job.status if export.job else ""
    if not context["live"] or request.GET.get("statut", job_status) != job_status:
        response["HX-Refresh"] = "true"
    return response


@role_required(*ROLES)
@require_GET
def export_file(request: EstablishmentRequest, uai: str, export_id: uuid.UUID) -> HttpResponse:
    export = selectors.export_get(establishment=request.establishment, export_id=export_id, with_content=True)
    if not export.content:
        return render(request, "exports/no_file.html", {"export": export}, status=404)
    response = HttpResponse(bytes(export.content), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@role_required(*ROLES)
@require_GET
def history(request: EstablishmentRequest, uai: str) -> HttpResponse:
    exports = selectors.export_history(establishment=request.establishment)[:200]
    return render(request, "exports/history.html", {"exports": exports})
