"""Running a refresh like beat and a worker would, in this process."""

from __future__ import annotations

from django_scopes import scopes_disabled

from jobs.models import Job
from jobs.services import job_run
from refresh.models import RefreshRun
from refresh.services import refresh_launch


def refresh_now(establishment, *, students: int | None = None, sandbox=None) -> tuple[RefreshRun, Job | None]:
    """Optionally resize the sandbox's export first, then start and deliver one refresh."""
    if students is not None:
        sandbox.control("/exports", uai=establishment.uai, students=students)
    run = refresh_launch(establishment=establishment)
    if run.job_id is None:  # refused before any job (no usable certificate, import already active)
        return run, None
    job_run(job_id=str(run.job_id))
    with scopes_disabled():
        run.refresh_from_db()
        return run, Job.objects.get(pk=run.job_id)
