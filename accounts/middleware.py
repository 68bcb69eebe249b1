"""The second step of the login, and the organisations' "2FA mandatory for administrateurs" rule.

After ``OTPMiddleware``: a signed-in user with a confirmed TOTP device whose session is not yet
verified may only reach the code page (and log out); an administrateur of an organisation that makes
2FA mandatory, without a device yet, is sent to the enrolment page. Additive: the login view and its
throttling are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from accounts.totp import totp_enabled, totp_required

# Pages reachable before the second step: logging in or out, the code page, the enrolment page.
OPEN_URL_NAMES = frozenset(
    {"login", "logout", "healthz", "readyz", "accounts:otp_verify", "accounts:totp", "admin:logout"}
)


def _url_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # OTPMiddleware (before this one) gives request.user its is_verified().
        if not user.is_authenticated or user.is_verified() or _url_name(request) in OPEN_URL_NAMES:  # type: ignore[attr-defined]
            return self.get_response(request)
        if totp_enabled(user):
            return _redirect("accounts:otp_verify", request)
        if totp_required(user):
            return _redirect("accounts:totp", request)
        return self.get_response(request)


def _redirect(name: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
