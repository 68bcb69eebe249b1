"""The one place where job starts and outcomes are recorded: the log, and the organisation's journal
(``audit``: « import lancé » / « import terminé » for the ``import_*`` kinds, « export lancé » / « export
terminé » for the exports, with the result)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from audit.kinds import AuditKind
from audit.services import audit_record
from establishments.school_years import school_year_label
from jobs.models import IMPORT_KIND_PREFIX

if TYPE_CHECKING:
    from jobs.models import Job

logger = logging.getLogger("jobs")

OUTCOMES = {"succeeded": "réussi", "failed": "en échec", "cancelled": "annulé"}


def job_journal(job: Job, event: str) -> None:
    """``event``: requested, started, confirmed, or the status reached (awaiting_confirmation, succeeded,
    failed, cancelled). Never logs file contents nor pupils' data: the UAI, kind, status and who asked."""
    logger.info(
        "job %s %s uai=%s kind=%s status=%s by=%s",
        job.pk,
        event,
        job.establishment.uai,
        job.kind,
        job.status,
        job.requested_by_label,
    )
    if event == "requested" or event in OUTCOMES:
        _audit(job, event)


def _import_details(job: Job) -> dict[str, object]:
    return {"source": job.options.get("source", "")}


def _export_details(job: Job) -> dict[str, object]:
    """Where the file goes: the target application and the delivery (docs/audit.md « destination »)."""
    return {"destination": job.options.get("target", ""), "envoi": job.options.get("delivery", "")}


def _audit(job: Job, event: str) -> None:
    importing = job.kind.startswith(IMPORT_KIND_PREFIX)
    what = f"{job.get_kind_display()} ({job.establishment.uai}, {school_year_label(job.school_year)})"
    details = {
        "job": str(job.pk),
        "annee": job.school_year,
        **(_import_details(job) if importing else _export_details(job)),
    }
    if event == "requested":
        kind = AuditKind.IMPORT_STARTED if importing else AuditKind.EXPORT_STARTED
        summary = f"{'Import' if importing else 'Export'} lancé : {what}."
    else:
        kind = AuditKind.IMPORT_FINISHED if importing else AuditKind.EXPORT_FINISHED
        summary = f"{'Import' if importing else 'Export'} {OUTCOMES[event]} : {what}."
        details.update(resultat=event, message=job.error[:300])
    audit_record(
        organisation=job.establishment.organisation,
        establishment=job.establishment,
        kind=kind,
        summary=summary,
        actor=job.requested_by if event == "requested" else None,
        actor_label=job.requested_by_label,
        details=details,
    )
