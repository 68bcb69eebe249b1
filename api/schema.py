"""OpenAPI generation (drf-spectacular): every operation documents the shared error body, and the
Bearer token scheme is declared (imported by ``ApiConfig.ready`` so drf-spectacular registers it)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from api.errors import ErrorSerializer

# What any API operation may answer besides its success (see api.errors).
ERROR_STATUSES = {
    "400": "Paramètre invalide",
    "401": "Jeton absent, invalide, expiré ou révoqué",
    "403": "Rôle insuffisant (ou jeton CSRF absent pour une session)",
    "404": "Établissement ou objet inconnu, ou hors de vos établissements",
    "406": "Format de réponse indisponible",
    "429": "Trop de requêtes pour ce jeton",
}


class ApiAutoSchema(AutoSchema):
    def get_tags(self) -> list[str]:
        # One section of the docs page per module of api/apis/ (establishments, students, structures…).
        return [type(self.view).__module__.rsplit(".", 1)[-1]]

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        bodies: dict[str, Any] = super()._get_response_bodies(direction)
        for status, description in ERROR_STATUSES.items():
            if status not in bodies:
                bodies[status] = self._get_response_for_code(ErrorSerializer, status, direction=direction)
                bodies[status]["description"] = description
        return bodies


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "jetonPersonnel"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton d'accès personnel (page « Jetons d'accès API » ou commande api_token_create).",
        }


class SessionCsrfScheme(SessionScheme):
    """The session cookie of the browsable pages, as drf-spectacular documents DRF's own."""

    target_class = "api.authentication.SessionCsrfAuthentication"
