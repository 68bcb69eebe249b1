"""Exports towards STS-Web / SIECLE: start one (``exports.services.export_start``, as the wizard's
« Générer le fichier ») and download its file. Concepteurs and administrateurs, as on the pages."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

from django.contrib.auth.models import User
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from api.apis.base import EstablishmentApiView, YearInput
from api.apis.jobs import JobOutput, job_refusal
from api.errors import Conflict, ErrorSerializer
from establishments.models import Role
from establishments.school_years import current_school_year
from exports import selectors
from exports.models import Delivery, Export
from exports.services import export_start
from exports.targets import Target
from jobs.selectors import netsynchro_ready
from jobs.services import JobRefused

EXPORTERS = (Role.ADMINISTRATEUR, Role.CONCEPTEUR)
NO_CERTIFICATE = (
    "Aucun certificat NetSynchro valide pour cet établissement : installez-le dans « Gestion des "
    "certificats » ou choisissez l'envoi download (« Télécharger le fichier »)."
)

FILE_NOT_READY = (
    "Le fichier de cet export n'est pas disponible : il est encore en cours de génération, ou l'export a été "
    "bloqué par les contrôles (voir job.status)."
)


class ExportOutput(serializers.Serializer):
    id = serializers.UUIDField()
    target = serializers.ChoiceField(choices=Target.choices)
    delivery = serializers.ChoiceField(choices=Delivery.choices)
    school_year = serializers.IntegerField()
    filename = serializers.CharField()
    send_number = serializers.IntegerField(help_text="Numéro d'envoi (NUM_ENVOI).")
    checks = serializers.DictField(help_text="Résultat des contrôles : errors et warnings.")
    job = JobOutput(allow_null=True, help_text="Le traitement qui génère (et dépose) le fichier.")


class ExportStartApi(EstablishmentApiView):
    class ExportInput(YearInput):
        target = serializers.ChoiceField(choices=Target.choices, help_text="sts-web, siecle-bee ou vie-etablissement.")
        delivery = serializers.ChoiceField(
            choices=Delivery.choices, help_text="netsynchro (dépôt) ou download (« Télécharger le fichier »)."
        )
        accept_warnings = serializers.BooleanField(
            default=False, help_text="« J'accepte ces avertissements » (exigé s'il y a des avertissements)."
        )

    required_roles = EXPORTERS

    @extend_schema(operation_id="export_start", request=ExportInput, responses={201: ExportOutput})
    def post(self, request: Request, uai: str) -> Response:
        serializer = self.ExportInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        year = data.get("year", current_school_year())
        self._check_delivery(data["delivery"], year)
        try:
            export = export_start(
                establishment=self.establishment,
                school_year=year,
                target=data["target"],
                delivery=data["delivery"],
                accept_warnings=data["accept_warnings"],
                requested_by=cast(User, request.user),  # IsAuthenticated
            )
        except JobRefused as refused:
            raise job_refusal(refused) from None
        return Response(ExportOutput(export).data, status=status.HTTP_201_CREATED)

    def _check_delivery(self, delivery: str, year: int) -> None:
        """The wizard's delivery check: a deposit needs a usable certificate for that year."""
        ready = netsynchro_ready(establishments=[self.establishment], school_year=year)
        if delivery == Delivery.NETSYNCHRO and not ready.get(self.establishment.uai, False):
            raise exceptions.ValidationError({"delivery": [NO_CERTIFICATE]})


class FileNegotiation(BaseContentNegotiation):
    """The file goes out whatever the ``Accept`` header asks (``application/xml``…), its errors as JSON
    (DRF's documented way of ignoring the client's preference)."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser:
        return next(iter(parsers))

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


class ExportFileApi(EstablishmentApiView):
    required_roles = EXPORTERS
    content_negotiation_class = FileNegotiation

    @extend_schema(
        operation_id="export_file",
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.BINARY, description="Le fichier, tel que généré."),
            409: OpenApiResponse(ErrorSerializer, description="Le fichier n'est pas (encore) généré."),
        },
    )
    def get(self, request: Request, uai: str, export_id: uuid.UUID) -> HttpResponse:
        export: Export = selectors.export_get(establishment=self.establishment, export_id=export_id, with_content=True)
        if not export.content:
            raise Conflict(FILE_NOT_READY, code="export_file_not_ready")
        response = HttpResponse(bytes(export.content), content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response
