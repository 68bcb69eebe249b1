"""Every API error has one JSON shape: ``{"code", "message", "fields"?}``.

``code`` is stable (clients branch on it); ``message`` is French, for the person reading a script's
output; ``fields`` maps an input name to its French messages, for refused values only.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class Conflict(exceptions.APIException):
    """409: the job's state (or the establishment's running import) forbids the action; raised with a
    code of its own (import_already_running, job_not_cancellable…)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Action impossible dans l'état actuel du traitement."


class RequestTooLarge(exceptions.APIException):
    """413, refused from ``Content-Length`` before the body is read; raised with its own code and message."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"
    default_detail = "Envoi trop volumineux."


# Default code and message per exception class, when the raiser gave none of its own.
CATALOG: dict[type[exceptions.APIException], tuple[str, str]] = {
    exceptions.NotAuthenticated: (
        "authentication_required",
        "Authentification requise : envoyez un jeton d'accès dans l'en-tête « Authorization: Bearer <jeton> ».",
    ),
    exceptions.AuthenticationFailed: ("authentication_failed", "Authentification refusée."),
    exceptions.PermissionDenied: ("forbidden", "Vous n'avez pas accès à cette action."),
    exceptions.NotFound: ("not_found", "Ressource introuvable."),
    exceptions.MethodNotAllowed: ("method_not_allowed", "Méthode HTTP non autorisée à cette adresse."),
    exceptions.NotAcceptable: ("not_acceptable", "Format de réponse indisponible : demandez du JSON."),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        "Format de requête non pris en charge : envoyez du JSON.",
    ),
    exceptions.ParseError: ("malformed_request", "Requête illisible : le corps n'est pas un JSON valide."),
    exceptions.ValidationError: ("invalid", "Certaines valeurs envoyées sont invalides."),
    exceptions.Throttled: ("throttled", "Trop de requêtes."),
    Conflict: ("conflict", Conflict.default_detail),
    RequestTooLarge: ("request_too_large", RequestTooLarge.default_detail),
}
FALLBACK = ("error", "La requête n'a pas pu aboutir.")


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (documented on every operation)."""

    code = serializers.CharField(help_text="Code stable, par exemple not_found, forbidden, invalid, throttled.")
    message = serializers.CharField(help_text="Message en français.")
    fields = serializers.DictField(  # type: ignore[assignment] # a declared field, not Serializer.fields
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Pour code=invalid : les messages par paramètre refusé.",
    )


def _converted(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _code_and_message(exc: exceptions.APIException) -> tuple[str, str]:
    code, message = next((entry for cls, entry in CATALOG.items() if isinstance(exc, cls)), FALLBACK)
    detail = exc.detail
    # A raiser that chose its own code (token_expired, role_required…) also wrote its French message.
    if isinstance(detail, exceptions.ErrorDetail) and detail.code not in {exc.default_code, None}:
        return str(detail.code), str(detail)
    wait = getattr(exc, "wait", None)  # Throttled's seconds until the next allowed request
    if isinstance(exc, exceptions.Throttled) and wait is not None:
        message = f"Trop de requêtes : réessayez dans {math.ceil(wait)} s."
    return code, message


def _fields(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            name: [str(item) for item in (value if isinstance(value, list) else [value])]
            for name, value in detail.items()
        }
    return {"non_field_errors": [str(item) for item in (detail if isinstance(detail, list) else [detail])]}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _converted(exc)
    response = exception_handler(exc, context)  # status, WWW-Authenticate, Retry-After, rollback
    if response is None or not isinstance(exc, exceptions.APIException):
        return response  # an unexpected error: Django's 500 handling and error reports
    code, message = _code_and_message(exc)
    body: dict[str, Any] = {"code": code, "message": message}
    if isinstance(exc, exceptions.ValidationError):
        body["fields"] = _fields(exc.detail)
    response.data = body
    return response


UNKNOWN_PATH = "Adresse inconnue de l'API : vérifiez le chemin (chaque adresse se termine par « / »)."


def unknown_path(request: HttpRequest) -> JsonResponse:
    """Any other path under /api/v1/: the API's 404 shape rather than the site's HTML page."""
    return JsonResponse({"code": "not_found", "message": UNKNOWN_PATH}, status=404)
