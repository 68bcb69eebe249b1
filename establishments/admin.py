from __future__ import annotations

from django.contrib import admin

from establishments.models import Establishment, Membership, Organisation


class EstablishmentInline(admin.TabularInline):
    model = Establishment
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at", "administrateurs_totp_required")
    search_fields = ("name",)
    inlines = [EstablishmentInline]


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ("uai", "name", "kind", "organisation")
    list_filter = ("kind",)
    search_fields = ("uai", "name", "organisation__name")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "is_administrateur", "is_concepteur", "is_active")
    list_filter = ("is_administrateur", "is_concepteur", "is_active", "organisation")
    search_fields = ("user__username", "organisation__name")
    filter_horizontal = ("establishments",)
