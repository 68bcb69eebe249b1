"""The establishment's jobs: list and read them with their progress, start a SIECLE import (NetSynchro or
uploaded files), confirm or cancel a previewed import. Every action goes through the ``jobs`` app's
services, exactly as « Importer des données » and the job page do."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.apis.base import EstablishmentApiView, YearInput, query_input
from api.errors import Conflict, ErrorSerializer, RequestTooLarge
from api.pagination import ApiCursorPagination, CursorInput, cursor_page_serializer
from establishments.models import Role
from establishments.school_years import current_school_year
from exports.models import Export
from exports.selectors import export_progress
from jobs import selectors
from jobs.forms import ACCEPTED_SUFFIXES
from jobs.imports import SOURCE_FILES, SOURCE_NETSYNCHRO, ImportRequest, import_job_start
from jobs.models import Job, JobKind, JobStatus
from jobs.progress import Progress
from jobs.services import ALREADY_RUNNING, JobRefused, job_cancel, job_confirm
from jobs.uploads import FORM_OVERHEAD_BYTES, SizeCappedUploadHandler, request_too_large_message, too_large_message
from siecle.importing import ImportFile, ImportOptions

JOB_READERS = (Role.ADMINISTRATEUR, Role.CONCEPTEUR)


def readable_kinds(view: EstablishmentApiView) -> list[str]:
    """As on the pages: imports are for administrateurs; exports for concepteurs and administrateurs."""
    if view.access.membership.has_role(Role.ADMINISTRATEUR):
        return list(JobKind.values)
    return [kind for kind in JobKind.values if not kind.startswith("import_")]


CONFLICT = OpenApiResponse(
    ErrorSerializer, description="Un import est déjà en cours, ou l'état du traitement l'interdit"
)


def job_refusal(refused: JobRefused) -> exceptions.APIException:
    """A service's refusal as the API's error: 409 for the running import, 400 ``invalid`` with each
    French reason otherwise (unusable files, no NetSynchro certificate, blocking checks…)."""
    if refused.message == ALREADY_RUNNING:
        return Conflict(f"{ALREADY_RUNNING}.", code="import_already_running")
    return exceptions.ValidationError({"non_field_errors": refused.details})


class ProgressOutput(serializers.Serializer):
    step = serializers.CharField(help_text="Étape en cours, en français.")
    percent = serializers.IntegerField(min_value=0, max_value=100)


class JobOutput(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=JobKind.choices, help_text="import_siecle ou export_ministry.")
    status = serializers.ChoiceField(choices=JobStatus.choices)
    status_label = serializers.CharField(source="get_status_display", help_text="Statut affiché par les pages.")
    school_year = serializers.IntegerField()
    options = serializers.DictField(help_text="Options demandées (source, aperçu, cible, envoi…).")
    progress = serializers.SerializerMethodField()
    requested_by = serializers.CharField(source="requested_by_label", help_text="Identifiant, ou « planification ».")
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(help_text="Message d'échec en français (vide sinon).")
    export_id = serializers.SerializerMethodField()

    @extend_schema_field(ProgressOutput)
    def get_progress(self, job: Job) -> dict[str, Any]:
        return ProgressOutput(job_live_progress(job)).data

    @extend_schema_field(serializers.UUIDField(allow_null=True, help_text="L'export de ce traitement, ou null."))
    def get_export_id(self, job: Job) -> str | None:
        export = job_export(job)
        return str(export.pk) if export is not None else None


class JobDetailOutput(JobOutput):
    preview = serializers.DictField(allow_null=True, help_text="Aperçu de l'import (arrivées, départs, modifications).")
    result = serializers.DictField(allow_null=True, help_text="Bilan une fois terminé.")


def job_export(job: Job) -> Export | None:
    return getattr(job, "export", None) if job.kind == JobKind.EXPORT_MINISTRY else None


def job_live_progress(job: Job) -> Progress:
    """The progress the job's page shows: the export page's for an export, the import page's otherwise."""
    export = job_export(job)
    return export_progress(export) if export is not None else selectors.job_progress(job)


class JobCursorPagination(ApiCursorPagination):
    ordering = ("-created_at",)


class JobListApi(EstablishmentApiView):
    """Imports and exports alike; the job pages' progress while they run."""

    class FilterInput(CursorInput):
        kind = serializers.ChoiceField(choices=JobKind.choices, required=False, help_text="Type de traitement.")
        status = serializers.ChoiceField(choices=JobStatus.choices, required=False, help_text="Statut.")

    required_roles = JOB_READERS
    pagination_class = JobCursorPagination

    @extend_schema(operation_id="jobs_list", parameters=[FilterInput], responses=cursor_page_serializer(JobOutput))
    def get(self, request: Request, uai: str) -> Response:
        data = query_input(self.FilterInput, request)
        jobs = selectors.establishment_jobs(
            establishment=self.establishment,
            kinds=readable_kinds(self),
            kind=data.get("kind", ""),
            status=data.get("status", ""),
        ).select_related("export")
        paginator = self.pagination_class()
        page: list[Job] = paginator.paginate_queryset(jobs, request, view=self) or []
        return paginator.get_paginated_response(JobOutput(page, many=True).data)


class JobDetailApi(EstablishmentApiView):
    required_roles = JOB_READERS

    @extend_schema(operation_id="job_retrieve", responses=JobDetailOutput)
    def get(self, request: Request, uai: str, job_id: uuid.UUID) -> Response:
        job = selectors.establishment_job_get(
            establishment=self.establishment, job_id=job_id, kinds=readable_kinds(self)
        )
        return Response(JobDetailOutput(job).data)


class ImportStartApi(EstablishmentApiView):
    """« Importer des données »: the page's options and checks, through ``jobs.imports.import_job_start``."""

    class ImportInput(YearInput):
        source = serializers.ChoiceField(  # type: ignore[assignment] # a declared field, not Field.source
            choices=[SOURCE_NETSYNCHRO, SOURCE_FILES],
            help_text="netsynchro (SIECLE via NetSynchro) ou files (fichiers SIECLE envoyés en multipart).",
        )
        files = serializers.ListField(
            child=serializers.FileField(),
            required=False,
            max_length=settings.IMPORT_UPLOAD_MAX_FILES,
            help_text="Pour source=files : les exports SIECLE (.zip ou .xml), reconnus par leur contenu.",
        )
        with_nomenclatures = serializers.BooleanField(default=False, help_text="« Avec nomenclatures ».")
        keep_existing = serializers.BooleanField(default=False, help_text="« Conserver les élèves déjà présents ».")
        groups = serializers.BooleanField(
            default=False, help_text="« Importer la répartition des élèves dans les groupes »."
        )
        preview = serializers.BooleanField(
            default=True, help_text="false : « Importer sans aperçu » (appliqué sans confirmation)."
        )

        def validate_files(self, uploads: list[Any]) -> list[Any]:
            refused = [upload.name for upload in uploads if not upload.name.lower().endswith(ACCEPTED_SUFFIXES)]
            if refused:
                raise serializers.ValidationError(
                    [f"« {name} » n'est ni un .zip ni un .xml exporté de SIECLE." for name in refused]
                )
            return uploads

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            oversized = self.context["oversized"]  # skipped while arriving, so absent from ``files``
            if oversized:
                raise serializers.ValidationError({"files": [too_large_message(name) for name in oversized]})
            if data["source"] == SOURCE_FILES and not data.get("files"):
                raise serializers.ValidationError({"files": ["Choisissez les fichiers SIECLE à importer."]})
            return data

        def import_request(self) -> ImportRequest:
            data = self.validated_data
            options = ImportOptions(
                with_nomenclatures=data["with_nomenclatures"],
                keep_existing=data["keep_existing"],
                groups=data["groups"],
            )
            return ImportRequest(source=data["source"], options=options, preview=data["preview"])

        def import_files(self) -> list[ImportFile]:
            if self.validated_data["source"] != SOURCE_FILES:
                return []
            return [ImportFile(name=upload.name, data=upload.read()) for upload in self.validated_data["files"]]

    required_roles = (Role.ADMINISTRATEUR,)
    parser_classes = [MultiPartParser, JSONParser]

    def initialize_request(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Request:
        # Before anything reads the body: each file is capped as it arrives (as on the page).
        request.oversized_files = []  # type: ignore[attr-defined] # read by SizeCappedUploadHandler
        request.upload_handlers.insert(0, SizeCappedUploadHandler(request))
        return super().initialize_request(request, *args, **kwargs)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        limit = settings.IMPORT_UPLOAD_MAX_BYTES * settings.IMPORT_UPLOAD_MAX_FILES + FORM_OVERHEAD_BYTES
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit:  # refused from the header, body unread
            raise RequestTooLarge(request_too_large_message(), code="request_too_large")
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="import_start",
        request={"multipart/form-data": ImportInput, "application/json": ImportInput},
        responses={201: JobDetailOutput, 409: CONFLICT, 413: OpenApiResponse(ErrorSerializer, "Envoi trop volumineux")},
    )
    def post(self, request: Request, uai: str) -> Response:
        oversized = request._request.oversized_files  # type: ignore[attr-defined]
        serializer = self.ImportInput(data=request.data, context={"oversized": oversized})
        serializer.is_valid(raise_exception=True)
        try:
            job = import_job_start(
                establishment=self.establishment,
                school_year=serializer.validated_data.get("year", current_school_year()),
                request=serializer.import_request(),
                requested_by=cast(User, request.user),  # IsAuthenticated
                files=serializer.import_files(),
            )
        except JobRefused as refused:
            raise job_refusal(refused) from None
        return Response(JobDetailOutput(job).data, status=status.HTTP_201_CREATED)


class JobConfirmApi(EstablishmentApiView):
    """« Importer » on a previewed import."""

    required_roles = (Role.ADMINISTRATEUR,)

    @extend_schema(operation_id="job_confirm", request=None, responses={200: JobDetailOutput, 409: CONFLICT})
    def post(self, request: Request, uai: str, job_id: uuid.UUID) -> Response:
        job = selectors.import_job_get(establishment=self.establishment, job_id=job_id)
        if not job_confirm(job=job):
            raise Conflict("Cet aperçu n'attend plus de confirmation.", code="job_not_awaiting_confirmation")
        return Response(JobDetailOutput(job).data)


class JobCancelApi(EstablishmentApiView):
    """« Annuler » a previewed import, or one not started yet (nothing is modified)."""

    required_roles = (Role.ADMINISTRATEUR,)

    @extend_schema(operation_id="job_cancel", request=None, responses={200: JobDetailOutput, 409: CONFLICT})
    def post(self, request: Request, uai: str, job_id: uuid.UUID) -> Response:
        job = selectors.import_job_get(establishment=self.establishment, job_id=job_id)
        if not job_cancel(job=job):
            raise Conflict("Cet import ne peut plus être annulé.", code="job_not_cancellable")
        return Response(JobDetailOutput(job).data)
