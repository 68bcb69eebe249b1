"""Platform staff read the journals; nobody adds, changes or deletes an entry here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "organisation", "uai", "kind", "actor_label", "summary")
    list_filter = ("kind", "organisation")
    search_fields = ("summary", "actor_label", "uai")
    date_hierarchy = "at"
    readonly_fields = (
        "organisation",
        "establishment",
        "uai",
        "actor",
        "actor_label",
        "kind",
        "summary",
        "details",
        "at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
