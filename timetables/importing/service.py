"""The STS-Web import: ``sts_import_analyse`` writes nothing; ``sts_import_apply`` writes it all in one
transaction (or nothing when the file is refused). Re-importing the same file changes nothing."""

from __future__ import annotations

import os
from typing import BinaryIO, Union

from django.db import transaction
from django_scopes import scopes_disabled

from establishments.models import Establishment
from siecle.formats.gcpause import gc_paused
from siecle.importing.bulk import delete_ids, insert_rows, update_rows
from siecle.versions import siecle_data_version
from timetables.conflict_cache import timetable_changed
from timetables.formats import FormatError, StsExport, read_sts
from timetables.importing.diff import StsPlan, plan_import
from timetables.importing.result import Progress, StsImportResult, no_progress

StsSource = Union[bytes, str, os.PathLike, BinaryIO]


def _counts(export: StsExport) -> dict[str, int]:
    return {
        "teachers": len(export.teachers),
        "subjects": len(export.subjects),
        "divisions": len(export.divisions),
        "groups": len(export.groups),
        "services": export.service_count,
    }


def _analyse(
    establishment: Establishment, school_year: int, source: StsSource, progress: Progress, *, dry_run: bool
) -> tuple[StsImportResult, StsPlan | None]:
    result = StsImportResult(uai=establishment.uai, year=school_year, dry_run=dry_run)
    progress(5, "Lecture du fichier STS-Web")
    try:
        with gc_paused():
            export = read_sts(source, uai=establishment.uai, year=school_year)
    except FormatError as refusal:
        result.errors.append(refusal.message)
        return result, None
    result.counts = _counts(export)
    result.warnings.extend(issue.message for issue in (*export.report.errors, *export.report.warnings))
    progress(40, "Comparaison avec les données enregistrées")
    with scopes_disabled():
        plan = plan_import(export, establishment, school_year)
    result.changes = plan.changes
    result.warnings.extend(plan.warnings)
    return result, plan


def sts_import_analyse(
    *, establishment: Establishment, school_year: int, source: StsSource, progress: Progress = no_progress
) -> StsImportResult:
    """What importing ``source`` would change; never writes. A refusal is in ``result.errors``."""
    result, _plan = _analyse(establishment, school_year, source, progress, dry_run=True)
    progress(100, "Analyse terminée")
    return result


def sts_import_apply(
    *, establishment: Establishment, school_year: int, source: StsSource, progress: Progress = no_progress
) -> StsImportResult:
    """Analyse, then write the whole difference in one transaction. A refused file writes nothing."""
    result, plan = _analyse(establishment, school_year, source, progress, dry_run=False)
    if plan is None:
        return result
    progress(70, "Enregistrement")
    with transaction.atomic(), scopes_disabled():
        _write(plan)
        # It may add SIECLE divisions and groups, which the API's cached pages of students show.
        siecle_data_version(establishment_id=establishment.pk, school_year=school_year).changed()
        from timetables.calendar import calendar_ensure  # calendar rules live with the calendar

        calendar_ensure(establishment=establishment, school_year=school_year)
    transaction.on_commit(lambda: timetable_changed(establishment=establishment, school_year=school_year))
    result.applied = True
    progress(100, "Import terminé")
    return result


def _write(plan: StsPlan) -> None:
    """Deletes first (children before parents), then inserts and updates in the plan's parent-first order."""
    for changes in reversed(plan.tables):
        delete_ids(changes.model, changes.delete)
    for changes in plan.tables:
        insert_rows(changes.model, changes.create)
        update_rows(changes.model, changes.update_fields, changes.update)
