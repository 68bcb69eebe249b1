"""« Mise à jour automatique »: administrateurs only; the establishment is the URL's (middleware)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest
from refresh import selectors
from refresh.forms import ScheduleForm
from refresh.selectors import refresh_schedule_get
from refresh.services import refresh_schedule_update


@role_required("administrateur")
@require_http_methods(["GET", "POST"])
def schedule_settings(request: EstablishmentRequest, uai: str) -> HttpResponse:
    schedule = refresh_schedule_get(establishment=request.establishment)
    form = ScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        refresh_schedule_update(establishment=request.establishment, values=form.cleaned_data)
        messages.success(request, "Mise à jour automatique enregistrée.")
        return redirect("refresh:settings", uai=uai)
    context = {
        "form": form,
        "schedule": schedule,
        "runs": selectors.refresh_runs(establishment=request.establishment),
        "departure_share": settings.REFRESH_MAX_DEPARTURE_SHARE,
    }
    return render(request, "refresh/settings.html", context)
