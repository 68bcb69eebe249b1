"""Platform staff see certificates' clear metadata and the audit trail, read-only; never the blobs."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from certificates.models import Certificate, ConnectionTest


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deletions go through the page, which records them in the audit trail


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("establishment", "school_year", "not_after", "fingerprint_sha256", "uploaded_at")
    list_filter = ("school_year",)
    search_fields = ("establishment__uai", "establishment__name", "fingerprint_sha256", "subject")
    # An explicit field list: the encrypted blobs are never rendered, not even as bytes.
    fields = (
        "establishment",
        "school_year",
        "subject",
        "issuer",
        "serial_number",
        "not_before",
        "not_after",
        "fingerprint_sha256",
        "expiry_notice",
        "uploaded_by",
        "uploaded_at",
        "integrity_ok",
        "integrity_checked_at",
    )
    readonly_fields = fields


@admin.register(ConnectionTest)
class ConnectionTestAdmin(ReadOnlyAdmin):
    list_display = ("certificate", "state", "result", "tested_at")
    list_filter = ("state", "result")
