"""Exports: check, generate, start as a job, deposit on NetSynchro and follow the deposit.

A deposit never duplicates: the file is generated once and kept on the export row, the deposit id is
saved as soon as NetSynchro answers, and a re-run meeting NetSynchro's duplicate answer (same UAI,
destination and SHA-256: the platform's idempotency key) adopts that deposit instead of failing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from establishments.models import Establishment
from exports.build import export_bytes
from exports.checks import CheckReport, run_checks
from exports.models import DepositStatus, Export
from exports.snapshot import snapshot_load
from exports.targets import Target, file_name
from jobs.models import JobKind
from jobs.services import JobRefused, job_create
from netsynchro.client import Deposit
from netsynchro.errors import DuplicateDeposit
from netsynchro.services import deposit_file, deposit_status, netsynchro_client

logger = logging.getLogger(__name__)

BLOCKED = "L'export est bloqué par les contrôles : corrigez les erreurs signalées, puis recommencez."
WARNINGS_NOT_ACCEPTED = "Des avertissements doivent être acceptés avant de générer le fichier."


@dataclass(frozen=True)
class Generated:
    target: str
    filename: str
    content: bytes | None  # None when the checks block the export
    report: CheckReport


def export_check(*, establishment: Establishment, school_year: int, target: str) -> CheckReport:
    snapshot = snapshot_load(establishment=establishment, school_year=school_year)
    return run_checks(snapshot, Target(target))


def export_generate(
    *, establishment: Establishment, school_year: int, target: str, send_number: int = 1, today: dt.date | None = None
) -> Generated:
    """The checks, then the file's bytes unless an error blocks it (nothing is written anywhere)."""
    snapshot = snapshot_load(establishment=establishment, school_year=school_year)
    report = run_checks(snapshot, Target(target))
    name = file_name(target, establishment.uai, school_year)
    if report.blocked:
        return Generated(target, name, None, report)
    content = export_bytes(snapshot, target, export_date=today or timezone.localdate(), send_number=send_number)
    return Generated(target, name, content, report)


def _next_send_number(establishment: Establishment, school_year: int, target: str) -> int:
    with scopes_disabled():
        sent = Export.objects.filter(establishment=establishment, school_year=school_year, target=target)
        return sent.count() + 1


def export_start(
    *,
    establishment: Establishment,
    school_year: int,
    target: str,
    delivery: str,
    accept_warnings: bool,
    requested_by: User | None,
) -> Export:
    """« Générer le fichier »: check again (the data may have changed since the checks step), then queue
    the export job. Raises ``JobRefused`` when blocked or when warnings were not accepted."""
    report = export_check(establishment=establishment, school_year=school_year, target=target)
    if report.blocked:
        raise JobRefused(BLOCKED, details=[finding.message for finding in report.errors])
    if report.warnings and not accept_warnings:
        raise JobRefused(WARNINGS_NOT_ACCEPTED)
    label = requested_by.get_username() if requested_by is not None else "planification"
    with transaction.atomic():
        job = job_create(
            establishment=establishment,
            school_year=school_year,
            kind=JobKind.EXPORT_MINISTRY,
            options={"target": target, "delivery": delivery},
            requested_by=requested_by,
        )
        with scopes_disabled():
            return Export.objects.create(
                establishment=establishment,
                school_year=school_year,
                job=job,
                target=target,
                delivery=delivery,
                requested_by_label=label,
                checks=report.as_dict(),
                send_number=_next_send_number(establishment, school_year, target),
                filename=file_name(target, establishment.uai, school_year),
            )


def export_store(*, export: Export, generated: Generated) -> Export:
    content = generated.content or b""
    export.content = content
    export.sha256 = hashlib.sha256(content).hexdigest()
    export.size = len(content)
    export.checks = generated.report.as_dict()
    export.generated_at = timezone.now()
    export.save(update_fields=["content", "sha256", "size", "checks", "generated_at"])
    return export


def _record(export: Export, deposit: Deposit) -> Export:
    export.deposit_id = deposit.id
    export.deposit_status = deposit.status
    export.deposit_messages = list(deposit.messages)
    export.deposit_checked_at = timezone.now()
    export.save(update_fields=["deposit_id", "deposit_status", "deposit_messages", "deposit_checked_at"])
    return export


def export_deposit(*, export: Export) -> Export:
    """Deposit the stored file once; a deposit already recorded, or the platform's duplicate answer for
    the same bytes, is followed instead of sending again."""
    if export.deposit_id:
        return export
    establishment = export.establishment
    try:
        deposit = deposit_file(
            establishment=establishment,
            year=export.school_year,
            destination=export.target,
            content=bytes(export.content or b""),
            filename=export.filename,
            wait=False,
        )
    except DuplicateDeposit as duplicate:
        if not duplicate.deposit_id:
            raise
        logger.info("export %s: same file already deposited as %s, followed", export.pk, duplicate.deposit_id)
        deposit = deposit_status(establishment=establishment, year=export.school_year, deposit_id=duplicate.deposit_id)
    return _record(export, deposit)


def export_deposit_wait(*, export: Export, timeout: float) -> Export:
    """Poll the deposit until « Intégré » or « Rejeté », at most ``timeout`` seconds
    (``DepositTimeout`` beyond: the beat takes over)."""
    with netsynchro_client(establishment=export.establishment, year=export.school_year) as client:
        deposit = client.wait_for_deposit(
            export.deposit_id, timeout=timeout, interval=settings.NETSYNCHRO_POLL_INTERVAL
        )
    return _record(export, deposit)


def export_deposit_refresh(*, export: Export) -> Export:
    deposit = deposit_status(establishment=export.establishment, year=export.school_year, deposit_id=export.deposit_id)
    return _record(export, deposit)


def exports_follow(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Beat: ask NetSynchro once about every recent deposit not yet « Intégré » or « Rejeté »."""
    since = (now or timezone.now()) - dt.timedelta(days=settings.EXPORT_DEPOSIT_FOLLOW_DAYS)
    followed = failed = 0
    with scopes_disabled():
        waiting = Export.objects.filter(
            deposit_status__in=(DepositStatus.RECU, DepositStatus.EN_TRAITEMENT), created_at__gte=since
        ).select_related("establishment")
        for export in waiting.iterator():
            try:
                export_deposit_refresh(export=export)
                followed += 1
            except Exception as error:  # one unreachable establishment must not stop the others
                logger.warning(
                    "export %s: deposit %s not followed (%s)", export.pk, export.deposit_id, type(error).__name__
                )
                failed += 1
    return {"followed": followed, "failed": failed}


def export_deposit_generated(*, establishment: Establishment, school_year: int, generated: Generated) -> Deposit:
    """``export_ministry --deposit``: deposit the file just written and follow it to its end (bounded)."""
    return deposit_file(
        establishment=establishment,
        year=school_year,
        destination=generated.target,
        content=generated.content or b"",
        filename=generated.filename,
        wait=True,
        timeout=settings.EXPORT_DEPOSIT_WAIT,
    )
