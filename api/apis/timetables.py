"""Teachers, rooms and the courses of a week, read through ``timetables.selectors`` (any member may read,
as on the timetable pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api.apis.base import EstablishmentApiView, YearInput, query_input
from api.apis.students import StructureRef
from timetables import selectors


@extend_schema_field({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "08:30"})
class LocalTimeField(serializers.Field):
    """A wall-clock time of the establishment, « HH:MM ». OpenAPI's ``format: time`` requires a UTC offset,
    which a timetable hour does not have."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: dt.time) -> str:
        return value.strftime("%H:%M")


class TeacherOutput(serializers.Serializer):
    id = serializers.UUIDField()
    sts_id = serializers.CharField(help_text="Identifiant STS-Web.")
    kind = serializers.CharField(help_text="epp (agent de l'Éducation nationale) ou local.")
    civility = serializers.CharField()
    last_name = serializers.CharField(help_text="Nom d'usage.")
    first_name = serializers.CharField()
    grade = serializers.CharField()
    disciplines = serializers.ListField(child=serializers.CharField())


class RoomOutput(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment] # a declared field, not Field.label
    capacity = serializers.IntegerField(allow_null=True)


class SubjectRef(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment] # a declared field, not Field.label


class PersonRef(serializers.Serializer):
    id = serializers.UUIDField()
    last_name = serializers.CharField()
    first_name = serializers.CharField()


class RoomRef(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField()


class WeekPatternRef(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment] # a declared field, not Field.label


class CourseOutput(serializers.Serializer):
    """A course with the links ``selectors.with_links`` attached (``teacher_list``…)."""

    id = serializers.UUIDField()
    subject = SubjectRef()
    teachers = PersonRef(source="teacher_list", many=True)
    divisions = StructureRef(source="division_list", many=True)
    groups = StructureRef(source="group_list", many=True)
    room = RoomRef(allow_null=True)
    weekday = serializers.IntegerField(help_text="1 : lundi … 7 : dimanche.")
    starts_at = LocalTimeField()
    ends_at = LocalTimeField()
    duration_minutes = serializers.IntegerField()
    week_pattern = WeekPatternRef(help_text="L'alternance de semaines du cours.")
    modality_code = serializers.CharField()


class TeacherListApi(EstablishmentApiView):
    @extend_schema(operation_id="teachers_list", parameters=[YearInput], responses=TeacherOutput(many=True))
    def get(self, request: Request, uai: str) -> Response:
        year = query_input(YearInput, request)["year"]
        teachers = selectors.teachers(establishment=self.establishment, school_year=year)
        return Response(TeacherOutput(teachers, many=True).data)


class RoomListApi(EstablishmentApiView):
    @extend_schema(operation_id="rooms_list", parameters=[YearInput], responses=RoomOutput(many=True))
    def get(self, request: Request, uai: str) -> Response:
        year = query_input(YearInput, request)["year"]
        rooms = selectors.rooms(establishment=self.establishment, school_year=year)
        return Response(RoomOutput(rooms, many=True).data)


class CourseWeekApi(EstablishmentApiView):
    class FilterInput(YearInput):
        week = serializers.DateField(
            required=False,
            help_text="Un jour de la semaine voulue (AAAA-MM-JJ), son lundi est pris. Par défaut : cette semaine.",
        )

        def validate_week(self, value: dt.date) -> dt.date:
            return value - dt.timedelta(days=value.weekday())

    @extend_schema(operation_id="courses_of_week", parameters=[FilterInput], responses=CourseOutput(many=True))
    def get(self, request: Request, uai: str) -> Response:
        data: dict[str, Any] = query_input(self.FilterInput, request)
        today = timezone.localdate()
        monday = data.get("week") or today - dt.timedelta(days=today.weekday())
        courses = selectors.courses_of_week(establishment=self.establishment, school_year=data["year"], monday=monday)
        return Response(CourseOutput(courses, many=True).data)
