"""Phase 2: write the difference in ONE transaction, with the ImportRun that records it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django_scopes import scopes_disabled

from establishments.models import Establishment
from siecle.formats.gcpause import gc_paused
from siecle.importing import bulk
from siecle.importing.analyse import ImportAnalysis, ImportOptions, ImportProgress, import_analyse, no_progress
from siecle.importing.files import ImportFile
from siecle.importing.fingerprint import state_fingerprint
from siecle.importing.plan import ImportPlan
from siecle.models import IMPORTED_MODELS, Address, ImportRun, StudentChange
from siecle.versions import siecle_data_version

COMMAND_LINE = "ligne de commande"
# Parents before children (foreign keys are checked at commit on PostgreSQL, at once elsewhere).
WRITE_ORDER = IMPORTED_MODELS
# Deleted once the rows pointing to them point elsewhere (orphan addresses).
DELETED_LAST = (Address,)


class ImportRefused(Exception):
    def __init__(self, analysis: ImportAnalysis):
        super().__init__(analysis.errors[0] if analysis.errors else "Import refusé.")
        self.analysis = analysis


@dataclass
class ImportResult:
    analysis: ImportAnalysis
    run: ImportRun

    def summary(self) -> dict[str, Any]:
        return self.analysis.summary(dry_run=False)


def import_apply(
    *,
    establishment: Establishment,
    school_year: int,
    files: list[ImportFile],
    options: ImportOptions,
    user: User | None = None,
    progress: ImportProgress = no_progress,
    before_write: Callable[[ImportAnalysis], None] | None = None,
) -> ImportResult:
    """Analyse and write in one transaction; raises ImportRefused (nothing written) when refused.

    Any exception while writing rolls everything back, the ImportRun included. ``before_write`` sees the
    analysis inside the transaction and may raise to abort (the jobs app checks it is what was previewed).
    """
    with transaction.atomic(), scopes_disabled():
        # One import at a time per establishment: the analysis must see what the write changes.
        Establishment.objects.select_for_update().filter(pk=establishment.pk).first()
        analysis = import_analyse(
            establishment=establishment, school_year=school_year, files=files, options=options, progress=progress
        )
        if analysis.refused:
            raise ImportRefused(analysis)
        if before_write is not None:
            before_write(analysis)
        with gc_paused():
            write_plan(analysis.plan, progress=progress)
        siecle_data_version(establishment_id=establishment.pk, school_year=school_year).changed()
        if analysis.fingerprint is None or analysis.changes_anything:
            analysis.fingerprint = state_fingerprint(establishment, school_year)
        run = _record_run(analysis, user)
        analysis.plan.written = analysis.plan.changes_anything
        analysis.plan.tables.clear()  # the rows are written: free them
    return ImportResult(analysis, run)


def write_plan(plan: ImportPlan, *, progress: ImportProgress = no_progress) -> None:
    """Write every table's changes: deletions first (children), then inserts and updates (parents first),
    then the rows nothing points to any more."""
    progress("writing", 0, len(WRITE_ORDER))
    for model in reversed(WRITE_ORDER):
        if model not in DELETED_LAST:
            bulk.delete_ids(model, plan.table(model).delete)
    for done, written in enumerate(WRITE_ORDER, start=1):
        changes = plan.table(written)
        bulk.insert_rows(written, changes.create)
        bulk.update_rows(written, changes.update_fields, changes.update)
        progress("writing", done, len(WRITE_ORDER))
    for model in DELETED_LAST:
        bulk.delete_ids(model, plan.table(model).delete)


def _record_run(analysis: ImportAnalysis, user: User | None) -> ImportRun:
    summary = {**analysis.summary(dry_run=False), "totals": analysis.totals, "fingerprint": analysis.fingerprint}
    run = ImportRun.objects.create(
        establishment=analysis.establishment,
        school_year=analysis.school_year,
        user=user,
        actor_label=user.get_username() if user is not None else COMMAND_LINE,
        options=analysis.options.as_dict(),
        files=analysis.files,
        summary=summary,
    )
    base = {"establishment_id": analysis.establishment.pk, "school_year": analysis.school_year, "run_id": run.pk}
    rows = [
        {
            "id": uuid.uuid4(),
            **base,
            "student_id": item.student_id,
            "action": str(item.action),
            "changed_fields": item.changed_fields,
        }
        for item in analysis.plan.history
    ]
    bulk.insert_rows(StudentChange, rows)
    return run
