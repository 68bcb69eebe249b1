from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from establishments.forms import ThrottledAuthenticationForm
from establishments.menu import home_todo, menu_links
from establishments.middleware import LAST_UAI_SESSION_KEY, EstablishmentRequest
from establishments.school_years import current_school_year, school_year_label
from establishments.selectors import establishments_for_user
from establishments.throttling import login_device_cookie_set
from netsync_portal.celery import app as celery_app


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # This browser is now one of the user's: strangers' failures no longer throttle it.
        login_device_cookie_set(response, self.request, form.get_user().get_username())
        return response


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    establishments = establishments_for_user(request.user)
    if not establishments:
        return render(request, "establishments/no_establishment.html")
    last = request.session.get(LAST_UAI_SESSION_KEY)
    target = next((est for est in establishments if est.uai == last), establishments[0])
    return redirect("establishments:home", uai=target.uai)


def establishment_home(request: EstablishmentRequest, uai: str) -> HttpResponse:
    year = current_school_year()
    context = {
        "establishment": request.establishment,
        "school_year_label": school_year_label(year),
        "roles": request.membership.roles,
        "actions": menu_links(establishment=request.establishment, membership=request.membership),
        "todo": home_todo(request),
        "siblings": [est for est in request.accessible_establishments if est.pk != request.establishment.pk],
    }
    return render(request, "establishments/home.html", context)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _database_ready() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ready() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@require_GET
@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    checks = {"database": _database_ready(), "broker": _broker_ready()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse({"status": "ok" if status == 200 else "unavailable", "checks": checks}, status=status)
