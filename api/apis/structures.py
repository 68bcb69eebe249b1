"""Divisions and groups of an establishment and year, and one of them with its members."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api.apis.base import EstablishmentApiView, YearInput, query_input
from api.apis.students import StructureRef
from establishments.models import Establishment
from siecle import selectors
from siecle.models import Division, Group


class MemberOutput(serializers.Serializer):
    id = serializers.UUIDField()
    eleve_id = serializers.CharField()
    last_name = serializers.CharField()
    usage_name = serializers.CharField()
    first_name = serializers.CharField()
    is_active = serializers.BooleanField(help_text="false : l'élève est sorti de l'établissement.")


class DivisionOutput(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment] # a declared field, not Field.label
    mef_codes = serializers.ListField(child=serializers.CharField())


class DivisionSummaryOutput(DivisionOutput):
    member_count = serializers.IntegerField(help_text="Élèves présents.")


class GroupOutput(DivisionOutput):
    divisions = StructureRef(many=True, help_text="Divisions d'origine des élèves du groupe.")


class GroupSummaryOutput(GroupOutput):
    member_count = serializers.IntegerField(help_text="Élèves présents.")


class MembersMixin(serializers.Serializer):
    """The members (present first), passed as ``context["members"]``."""

    members = serializers.SerializerMethodField()

    @extend_schema_field(MemberOutput(many=True))
    def get_members(self, structure: Division | Group) -> Any:
        return MemberOutput(self.context["members"], many=True).data


class DivisionDetailOutput(DivisionOutput, MembersMixin):
    pass


class GroupDetailOutput(GroupOutput, MembersMixin):
    pass


def _structure(establishment: Establishment, structure_id: uuid.UUID, kind: type[Division | Group]) -> Any:
    structure = selectors.structure_get(establishment=establishment, structure_id=structure_id)
    if not isinstance(structure, kind):
        raise Http404("Division ou groupe inconnu.")
    return structure


def _detail(structure: Division | Group, output: type[serializers.Serializer]) -> Response:
    members = selectors.structure_members(structure=structure)
    return Response(output(structure, context={"members": members}).data)


class DivisionListApi(EstablishmentApiView):
    @extend_schema(operation_id="divisions_list", parameters=[YearInput], responses=DivisionSummaryOutput(many=True))
    def get(self, request: Request, uai: str) -> Response:
        year = query_input(YearInput, request)["year"]
        divisions = selectors.structure_list(establishment=self.establishment, school_year=year)["divisions"]
        return Response(DivisionSummaryOutput(divisions, many=True).data)


class DivisionDetailApi(EstablishmentApiView):
    @extend_schema(operation_id="division_retrieve", responses=DivisionDetailOutput)
    def get(self, request: Request, uai: str, division_id: uuid.UUID) -> Response:
        return _detail(_structure(self.establishment, division_id, Division), DivisionDetailOutput)


class GroupListApi(EstablishmentApiView):
    @extend_schema(operation_id="groups_list", parameters=[YearInput], responses=GroupSummaryOutput(many=True))
    def get(self, request: Request, uai: str) -> Response:
        year = query_input(YearInput, request)["year"]
        groups = selectors.structure_list(establishment=self.establishment, school_year=year)["groups"]
        return Response(GroupSummaryOutput(groups, many=True).data)


class GroupDetailApi(EstablishmentApiView):
    @extend_schema(operation_id="group_retrieve", responses=GroupDetailOutput)
    def get(self, request: Request, uai: str, group_id: uuid.UUID) -> Response:
        return _detail(_structure(self.establishment, group_id, Group), GroupDetailOutput)
