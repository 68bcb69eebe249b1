"""``Authorization: Bearer <token>``: a personal access token acts as its user."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.request import Request

from api import selectors, services
from api.models import ApiToken

CSRF_REFUSED = "Jeton CSRF absent ou invalide : rechargez la page, ou utilisez un jeton d'accès (Bearer)."
MALFORMED = "En-tête Authorization invalide : « Bearer <jeton> » attendu."
REFUSALS = {
    "unknown": ("token_invalid", "Jeton d'accès invalide."),
    "revoked": ("token_revoked", "Ce jeton d'accès a été révoqué."),
    "expired": ("token_expired", "Ce jeton d'accès a expiré : créez-en un nouveau."),
    "inactive": ("account_disabled", "Le compte de ce jeton est désactivé."),
}


def _refusal(token: ApiToken | None) -> str | None:
    if token is None:
        return "unknown"
    if not token.user.is_active:
        return "inactive"
    state = token.state(timezone.now())
    return None if state == "active" else state


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[AbstractBaseUser, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None  # not ours: session authentication may still apply
        if len(parts) != 2:
            raise AuthenticationFailed(MALFORMED, code="authorization_malformed")
        raw = parts[1].decode("latin-1")
        token = selectors.api_token_for_key(raw)
        refusal = _refusal(token)
        if refusal or token is None:
            code, message = REFUSALS[refusal or "unknown"]
            raise AuthenticationFailed(message, code=code)
        services.api_token_record_use(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return 'Bearer realm="api"'


class SessionCsrfAuthentication(SessionAuthentication):
    """The signed-in session of the browsable pages and the docs page, with DRF's CSRF check on writes;
    its refusal carries a French message and the stable code ``csrf_failed``."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except PermissionDenied:
            raise PermissionDenied(CSRF_REFUSED, code="csrf_failed") from None
