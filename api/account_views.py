"""« Jetons d'accès API »: a user creates, sees and revokes their own personal access tokens.

The clear token is shown once: the creation POST keeps it in the session and redirects (so reloading the
page never creates a second token), and the next GET takes it out of the session as it shows it, with
``Cache-Control: no-store``. It never goes through the messages framework, whose cookie storage would
put it in the browser.
"""

from __future__ import annotations

import uuid
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from api import selectors, services
from api.forms import ApiTokenForm

CREATED_TOKEN_SESSION_KEY = "api_created_token"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # the views below are behind login_required


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, raw = services.api_token_create(
                user=_user(request), name=form.cleaned_data["name"], expires_days=form.cleaned_data["expires_days"]
            )
        except services.ApiTokenError as error:
            form.add_error(None, str(error))
        else:
            request.session[CREATED_TOKEN_SESSION_KEY] = raw
            return redirect("api_tokens:list")
    context = {
        "form": form,
        "tokens": selectors.api_tokens_for_user(user=_user(request)),
        "created_token": request.session.pop(CREATED_TOKEN_SESSION_KEY, None) if request.method == "GET" else None,
    }
    response = render(request, "api/tokens.html", context)
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    try:
        token_id = uuid.UUID(request.POST.get("token", ""))
    except ValueError:
        raise Http404("Jeton inconnu.") from None
    token = services.api_token_revoke(user=_user(request), token_id=token_id)
    messages.success(request, f"Le jeton « {token.name} » est révoqué : il ne donne plus accès à l'API.")
    return redirect("api_tokens:list")
