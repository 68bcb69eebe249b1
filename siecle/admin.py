"""Django admin for platform staff: read-only (imports are the only writers of these tables).

The no-op re-import shortcut relies on a fingerprint of the stored rows, so an admin edit would be
detected anyway; read-only keeps the data what SIECLE said.
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin
from django.http import HttpRequest

from siecle.models import Address, Division, Group, Guardian, GuardianLink, ImportRun, Mef, Student, Subject


class ReadOnlyAdmin(admin.ModelAdmin):
    list_select_related: ClassVar[tuple[str, ...]] = ("establishment",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Student)
class StudentAdmin(ReadOnlyAdmin):
    list_display = ("last_name", "first_name", "ine", "eleve_id", "establishment", "school_year", "is_active")
    list_filter = ("school_year", "is_active")
    search_fields = ("last_name", "first_name", "ine", "eleve_id", "establishment__uai")


@admin.register(Guardian)
class GuardianAdmin(ReadOnlyAdmin):
    list_display = ("last_name", "first_name", "person_id", "establishment", "school_year")
    search_fields = ("last_name", "first_name", "person_id", "establishment__uai")


@admin.register(Address)
class AddressAdmin(ReadOnlyAdmin):
    list_display = (
        "address_id",
        "line1",
        "postal_code",
        "postal_label",
        "country_code",
        "establishment",
        "school_year",
    )
    list_filter = ("school_year",)
    search_fields = ("address_id", "line1", "postal_code", "postal_label", "establishment__uai")


@admin.register(GuardianLink)
class GuardianLinkAdmin(ReadOnlyAdmin):
    list_display = ("student", "guardian", "legal_level", "relationship_code", "establishment")
    list_select_related = ("establishment", "student", "guardian")


@admin.register(Division, Group)
class StructureAdmin(ReadOnlyAdmin):
    list_display = ("code", "label", "establishment", "school_year")
    search_fields = ("code", "label", "establishment__uai")


@admin.register(Mef, Subject)
class NomenclatureAdmin(ReadOnlyAdmin):
    list_display = ("code", "label", "establishment", "school_year")


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "establishment", "school_year", "actor_label")
    list_filter = ("school_year",)
    readonly_fields = ("establishment", "school_year", "user", "actor_label", "options", "files", "summary")
