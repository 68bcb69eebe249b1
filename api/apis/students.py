"""Students of an establishment and year (cursor pages, filters), and one student with their guardians."""

from __future__ import annotations

import uuid
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api.apis.base import EstablishmentApiView, YearInput, query_input
from api.page_cache import cached_page
from api.pagination import ApiCursorPagination, CursorInput, cursor_page_serializer
from siecle import selectors
from siecle.models import Student
from siecle.versions import siecle_data_version

# The API's words for the pages' « présents / sortis / tous » filter.
STATUSES = {"active": "presents", "left": "sortis", "all": "tous"}


class StructureRef(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField()


class AddressOutput(serializers.Serializer):
    lines = serializers.ListField(child=serializers.CharField(), help_text="Lignes de l'adresse postale.")


@extend_schema_field(StructureRef(many=True))
class StudentDivisionsField(serializers.Field):
    """The pupil's divisions, from ``selectors.student_division_refs`` passed as ``context["divisions"]``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="id", read_only=True, **kwargs)

    def to_representation(self, student_id: uuid.UUID) -> list[dict[str, Any]]:
        refs = self.context["divisions"].get(student_id, [])
        return [{"id": division_id, "code": code} for division_id, code in refs]


class StudentOutput(serializers.Serializer):
    id = serializers.UUIDField()
    eleve_id = serializers.CharField(help_text="ELEVE_ID de SIECLE.")
    ine = serializers.CharField(help_text="Identifiant national élève (peut être vide).")
    last_name = serializers.CharField()
    usage_name = serializers.CharField()
    first_name = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)
    sex_code = serializers.CharField(help_text="1 : masculin, 2 : féminin, vide si inconnu.")
    mef_code = serializers.CharField()
    is_active = serializers.BooleanField(help_text="false : l'élève est sorti de l'établissement.")
    entry_date = serializers.DateField(allow_null=True)
    exit_date = serializers.DateField(allow_null=True)
    divisions = StudentDivisionsField()


LIST_COLUMNS = [name for name in StudentOutput._declared_fields if name != "divisions"]


class StudentCursorPagination(ApiCursorPagination):
    # The cursor's position is the last name (indexed with the establishment and year); ties are
    # broken by offset within the page, as DRF does.
    ordering = ("last_name", "first_name", "eleve_id")


class StudentListApi(EstablishmentApiView):
    class FilterInput(YearInput, CursorInput):
        search = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=100,
            help_text="Mots du nom ou du prénom (accents et majuscules ignorés), ou INE.",
        )
        division = serializers.UUIDField(required=False, help_text="Identifiant d'une division.")
        group = serializers.UUIDField(required=False, help_text="Identifiant d'un groupe.")
        status = serializers.ChoiceField(
            choices=list(STATUSES), default="active", help_text="active (présents), left (sortis) ou all."
        )

    pagination_class = StudentCursorPagination

    @extend_schema(
        operation_id="students_list", parameters=[FilterInput], responses=cursor_page_serializer(StudentOutput)
    )
    def get(self, request: Request, uai: str) -> Response:
        data = query_input(self.FilterInput, request)
        filters = selectors.StudentFilters(
            search=data.get("search", ""),
            division_id=data.get("division"),
            group_id=data.get("group"),
            status=STATUSES[data["status"]],
        )

        def build() -> dict[str, Any]:
            return self.build_page(request, data["year"], filters)

        if filters.search:  # a search is typed once: not worth a place in the cache
            return Response(build())
        page = cached_page(
            request,
            namespace=f"students:{self.establishment.pk}:{data['year']}",
            version=siecle_data_version(establishment_id=self.establishment.pk, school_year=data["year"]),
            build=build,
        )
        return Response(page)

    def build_page(self, request: Request, year: int, filters: selectors.StudentFilters) -> dict[str, Any]:
        students = selectors.student_list(establishment=self.establishment, school_year=year, filters=filters)
        paginator = self.pagination_class()
        rows = students.prefetch_related(None).values(*LIST_COLUMNS)
        page: list[dict[str, Any]] = paginator.paginate_queryset(rows, request, view=self) or []
        divisions = selectors.student_division_refs(
            establishment=self.establishment, student_ids=[row["id"] for row in page]
        )
        return dict(paginator.get_paginated_response(student_list_output(page, divisions)).data)


def student_list_output(
    rows: list[dict[str, Any]], divisions: dict[uuid.UUID, list[tuple[uuid.UUID, str]]]
) -> list[dict[str, Any]]:
    """What ``StudentOutput(rows, many=True, context={"divisions": divisions})`` gives, built straight
    from the rows of ``LIST_COLUMNS``: they already hold the output's types (the renderer writes UUIDs and
    dates as DRF's fields do), and skipping the fields' per-value calls makes a page several times cheaper
    (bench/api.py)."""
    for row in rows:
        row["divisions"] = [{"id": division_id, "code": code} for division_id, code in divisions.get(row["id"], [])]
    return rows


class GuardianOutput(serializers.Serializer):
    """Built from one entry of ``selectors.student_page_data(...)["guardians"]``."""

    id = serializers.UUIDField(source="guardian.id")
    person_id = serializers.CharField(source="guardian.person_id", help_text="PERSONNE_ID de SIECLE.")
    civility = serializers.CharField(source="guardian.civility")
    last_name = serializers.CharField(source="guardian.last_name")
    usage_name = serializers.CharField(source="guardian.usage_name")
    first_name = serializers.CharField(source="guardian.first_name")
    email = serializers.CharField(source="guardian.email")
    mobile_phone = serializers.CharField(source="guardian.mobile_phone")
    home_phone = serializers.CharField(source="guardian.home_phone")
    work_phone = serializers.CharField(source="guardian.work_phone")
    address = AddressOutput(source="guardian.address", allow_null=True)
    legal_level = serializers.IntegerField(source="link.legal_level", allow_null=True)
    legal_label = serializers.CharField(help_text="Représentant légal, personne en charge…")
    relationship_code = serializers.CharField(source="link.relationship_code")
    relationship_label = serializers.CharField()
    pays_fees = serializers.BooleanField(source="link.pays_fees", allow_null=True)
    contact_priority = serializers.BooleanField(source="link.contact_priority", allow_null=True)


class OptionOutput(serializers.Serializer):
    rank = serializers.IntegerField(source="option.rank", allow_null=True)
    subject_code = serializers.CharField(source="option.subject_code")
    subject_label = serializers.CharField()
    modality_code = serializers.CharField(source="option.modality_code")
    modality_label = serializers.CharField()


class StudentDetailOutput(StudentOutput):
    """A student, with what ``selectors.student_page_data`` resolved passed as ``context["page"]``."""

    first_name2 = serializers.CharField()
    first_name3 = serializers.CharField()
    birth_city = serializers.CharField()
    regime_code = serializers.CharField()
    exit_reason_code = serializers.CharField()
    email = serializers.CharField()
    mobile_phone = serializers.CharField()
    address = AddressOutput(allow_null=True)
    mef_label = serializers.SerializerMethodField()
    regime_label = serializers.SerializerMethodField()
    exit_reason_label = serializers.SerializerMethodField()
    groups = serializers.SerializerMethodField()
    guardians = serializers.SerializerMethodField()
    options = serializers.SerializerMethodField()

    def _page(self, key: str) -> Any:
        return self.context["page"][key]

    def get_mef_label(self, student: Student) -> str:
        return str(self._page("mef_label"))

    def get_regime_label(self, student: Student) -> str:
        return str(self._page("regime_label"))

    def get_exit_reason_label(self, student: Student) -> str:
        return str(self._page("exit_reason_label"))

    @extend_schema_field(StructureRef(many=True))
    def get_groups(self, student: Student) -> Any:
        return StructureRef(self._page("groups"), many=True).data

    @extend_schema_field(GuardianOutput(many=True))
    def get_guardians(self, student: Student) -> Any:
        return GuardianOutput(self._page("guardians"), many=True).data

    @extend_schema_field(OptionOutput(many=True))
    def get_options(self, student: Student) -> Any:
        return OptionOutput(self._page("options"), many=True).data


class StudentDetailApi(EstablishmentApiView):
    @extend_schema(operation_id="student_retrieve", responses=StudentDetailOutput)
    def get(self, request: Request, uai: str, student_id: uuid.UUID) -> Response:
        student = selectors.student_get(establishment=self.establishment, student_id=student_id)
        context = {
            "page": selectors.student_page_data(student=student),
            "divisions": selectors.student_division_refs(establishment=self.establishment, student_ids=[student.pk]),
        }
        return Response(StudentDetailOutput(student, context=context).data)
