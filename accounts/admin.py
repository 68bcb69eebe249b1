"""Platform staff see invitations (never the token: only its digest is stored)."""

from __future__ import annotations

from django.contrib import admin

from accounts.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organisation", "created_at", "expires_at", "accepted_at")
    list_filter = ("organisation",)
    search_fields = ("email",)
    exclude = ("token_sha256",)
    readonly_fields = ("organisation", "email", "invited_by", "created_at", "expires_at", "accepted_at", "user")
