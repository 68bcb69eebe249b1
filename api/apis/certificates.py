"""The status of an establishment's NetSynchro certificate for a school year: metadata only, never a secret."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api.apis.base import EstablishmentApiView, YearInput, query_input
from certificates import selectors


class StatusOutput(serializers.Serializer):
    code = serializers.CharField(
        help_text="none, valid, expires_in_year (expire avant la fin de l'année scolaire), expiring, expired ou unreadable."
    )
    label = serializers.CharField(  # type: ignore[assignment] # a declared field, not Field.label
        help_text="Libellé affiché par la page « Gérer les certificats NetSynchro »."
    )
    days_left = serializers.IntegerField(allow_null=True, help_text="Jours avant l'expiration.")


class CertificateOutput(serializers.Serializer):
    """The clear metadata of the row (see certificates.models); the encrypted blobs are never read out."""

    subject = serializers.CharField()
    issuer = serializers.CharField()
    serial_number = serializers.CharField()
    not_before = serializers.DateTimeField()
    not_after = serializers.DateTimeField()
    fingerprint_sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class CertificateStatusOutput(serializers.Serializer):
    uai = serializers.CharField()
    year = serializers.IntegerField()
    status = StatusOutput()
    certificate = CertificateOutput(allow_null=True, help_text="null : aucun certificat installé pour cette année.")


class CertificateStatusApi(EstablishmentApiView):
    @extend_schema(operation_id="certificate_status", parameters=[YearInput], responses=CertificateStatusOutput)
    def get(self, request: Request, uai: str) -> Response:
        year = query_input(YearInput, request)["year"]
        certificate = selectors.certificate_for(establishment=self.establishment, school_year=year)
        status = selectors.certificate_status(certificate)
        row = {"uai": self.establishment.uai, "year": year, "status": status, "certificate": certificate}
        return Response(CertificateStatusOutput(row).data)
