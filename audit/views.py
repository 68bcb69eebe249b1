"""« Administration › Journal »: the organisation's journal, filtered, paginated, and as CSV."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.forms import JournalFilterForm
from audit.models import AuditEvent
from audit.selectors import audit_csv_lines, audit_events
from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest

PAGE_SIZE = 50


def _filtered(request: EstablishmentRequest) -> tuple[JournalFilterForm, QuerySet[AuditEvent]]:
    form = JournalFilterForm(request.GET or None, establishments=request.accessible_establishments)
    events = audit_events(
        organisation=request.organisation, visible=request.accessible_establishments, where=form.journal_filter()
    )
    return form, events


@role_required("administrateur")
@require_GET
def journal(request: EstablishmentRequest, uai: str) -> HttpResponse:
    form, events = _filtered(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "audit/journal.html", context)


@role_required("administrateur")
@require_GET
def journal_csv(request: EstablishmentRequest, uai: str) -> StreamingHttpResponse:
    _form, events = _filtered(request)
    response = StreamingHttpResponse(audit_csv_lines(events), content_type="text/csv; charset=utf-8")
    filename = f"journal-{request.establishment.uai}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
