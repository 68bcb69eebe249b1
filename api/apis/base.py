"""Base classes of the API views.

``EstablishmentApiView`` serves ``/api/v1/establishments/{uai}/…``: its permissions resolve the member's
access (404 to non-members) and its ``required_roles`` (403), then the handler runs inside the tenant's
django-scopes scope, exactly as the pages' middleware does. Later endpoints (jobs, timetables) subclass
it and set ``required_roles``.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any, ClassVar, cast

from django_scopes import scope
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import EstablishmentAccess, HasEstablishmentRole, IsEstablishmentMember, establishment_access
from establishments.models import Establishment
from establishments.school_years import current_school_year, selectable_school_years


class EstablishmentApiView(APIView):
    permission_classes = [IsAuthenticated, IsEstablishmentMember, HasEstablishmentRole]
    required_roles: ClassVar[tuple[str, ...]] = ()  # empty: every member of the establishment

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        view = super().as_view(**initkwargs)
        view.required_roles = cls.required_roles  # type: ignore[attr-defined] # read by the role sweep
        return view

    @property
    def access(self) -> EstablishmentAccess:
        return establishment_access(self.request)

    @property
    def establishment(self) -> Establishment:
        return self.access.establishment

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # authentication, membership, role, throttling
        access = establishment_access(request)
        self._tenant_scope = ExitStack()
        self._tenant_scope.enter_context(
            scope(organisation=access.establishment.organisation_id, establishment=access.visible)
        )

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        tenant_scope = getattr(self, "_tenant_scope", None)
        if tenant_scope is not None:
            tenant_scope.close()
        return super().finalize_response(request, response, *args, **kwargs)


class YearInput(serializers.Serializer):
    year = serializers.IntegerField(
        required=False, help_text="Année scolaire (2026 = 2026-2027). Par défaut : l'année en cours."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The range moves with the calendar: stated afresh for each request and each generated schema.
        years = selectable_school_years()
        year = cast(serializers.IntegerField, self.fields["year"])
        year.min_value, year.max_value = min(years), max(years)

    def validate_year(self, value: int) -> int:
        years = selectable_school_years()
        if value not in years:
            raise serializers.ValidationError(
                f"Année scolaire inconnue : choisissez une année de {min(years)} à {max(years)}."
            )
        return value


def query_input(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The validated query parameters (400 with the French messages otherwise)."""
    # A plain dict, not the QueryDict: DRF reads a QueryDict as an HTML form, where an empty value means
    # "not given"; an API states what it wants, and ``?status=`` is refused like any value outside the schema.
    serializer = serializer_class(data=request.query_params.dict())
    serializer.is_valid(raise_exception=True)
    data: dict[str, Any] = dict(serializer.validated_data)
    if "year" in serializer.fields:
        data.setdefault("year", current_school_year())
    return data
