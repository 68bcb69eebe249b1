"""Writes on the journal: ``audit_record`` (every app) and ``audit_purge`` (the retention beat task)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from audit.kinds import AuditKind
from audit.models import AuditEvent
from establishments.models import Establishment, Membership, Organisation

logger = logging.getLogger(__name__)

SYSTEM_LABEL = "système"


def audit_record(
    *,
    organisation: Organisation,
    kind: str,
    summary: str,
    actor: User | None = None,
    actor_label: str = "",
    establishment: Establishment | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to ``organisation``'s journal. ``summary`` is French, for the page; ``details``
    is small JSON for the CSV (never a secret, a password or student data)."""
    if kind not in AuditKind.values:
        raise ValueError(f"unknown audit kind {kind!r}")
    if establishment is not None and establishment.organisation_id != organisation.pk:
        raise ValueError("the establishment belongs to another organisation")
    label = (actor.get_username() if actor is not None else "") or actor_label or SYSTEM_LABEL
    with scopes_disabled():  # the organisation is explicit: callers run with or without a request scope
        return AuditEvent.objects.create(
            organisation=organisation,
            establishment=establishment,
            uai=establishment.uai if establishment else "",
            actor=actor,
            actor_label=label[:200],
            kind=kind,
            summary=summary[:500],
            details=details or {},
        )


def audit_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Delete the events older than ``AUDIT_RETENTION_DAYS``: the only deletion the journal allows."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    with transaction.atomic(), scopes_disabled():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # read by the trigger; local: ends with this transaction
                cursor.execute("SELECT set_config('audit.purge', 'on', true)")
        deleted = AuditEvent.objects.filter(at__lt=cutoff).purge()
    logger.info("Audit journal purge: %d events older than %s deleted", deleted, cutoff.date())
    return {"deleted": deleted}


def audit_record_for_user(*, user: User, kind: str, summary: str, details: dict[str, Any] | None = None) -> None:
    """An event about a person's own account (login, password, 2FA): one entry in the journal of each
    organisation they belong to, since each of them is concerned."""
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        audit_record(organisation=membership.organisation, kind=kind, actor=user, summary=summary, details=details)
