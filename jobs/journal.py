"""The one place where job starts and outcomes are recorded.

The organisation audit journal (the ``audit`` app) hooks in here: every start, preview, success, failure
and cancellation goes through ``job_journal``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobs.models import Job

logger = logging.getLogger("jobs")


def job_journal(job: Job, event: str) -> None:
    # Never log file contents nor pupils' data: the UAI, kind, status and who asked are enough.
    logger.info(
        "job %s %s uai=%s kind=%s status=%s by=%s",
        job.pk,
        event,
        job.establishment.uai,
        job.kind,
        job.status,
        job.requested_by_label,
    )
