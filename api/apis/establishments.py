"""The user's establishments: where their token may act, and with which roles."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.apis.base import EstablishmentApiView
from establishments.selectors import establishment_memberships_for_user


class EstablishmentOutput(serializers.Serializer):
    """Built from ``{"establishment": …, "membership": …}``."""

    uai = serializers.CharField(source="establishment.uai", help_text="Code UAI (anciennement RNE).")
    name = serializers.CharField(source="establishment.name")
    kind = serializers.CharField(
        source="establishment.kind", help_text="college, lycee, lp, lycee_polyvalent, erea ou autre."
    )
    organisation = serializers.CharField(source="establishment.organisation.name")
    roles = serializers.ListField(
        source="membership.roles", child=serializers.CharField(), help_text="administrateur, concepteur."
    )


class EstablishmentListApi(APIView):
    @extend_schema(operation_id="establishments_list", responses=EstablishmentOutput(many=True))
    def get(self, request: Request) -> Response:
        rows = [{"establishment": est, "membership": m} for est, m in establishment_memberships_for_user(request.user)]
        return Response(EstablishmentOutput(rows, many=True).data)


class EstablishmentDetailApi(EstablishmentApiView):
    @extend_schema(operation_id="establishment_retrieve", responses=EstablishmentOutput)
    def get(self, request: Request, uai: str) -> Response:
        row = {"establishment": self.establishment, "membership": self.access.membership}
        return Response(EstablishmentOutput(row).data)
