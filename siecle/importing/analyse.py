"""Phase 1: read and check the files, then compute the difference with the database. Writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django_scopes import scopes_disabled

from establishments.models import Establishment
from siecle.formats import ExportKind
from siecle.formats.gcpause import gc_paused
from siecle.importing.diff_addresses import diff_addresses, drop_orphan_addresses, keep_stored_references
from siecle.importing.diff_people import diff_guardians, diff_links, diff_options, diff_students
from siecle.importing.diff_structures import diff_nomenclatures, diff_structures
from siecle.importing.files import ImportFile, LoadedFiles, check_headers, load_files
from siecle.importing.fingerprint import same_import_as_last
from siecle.importing.incoming import read_incoming
from siecle.importing.plan import ImportPlan
from siecle.models import Guardian, ImportRun


@dataclass(frozen=True)
class ImportOptions:
    """The three choices of the import form (wording of the vendor guides)."""

    with_nomenclatures: bool = False  # « Avec nomenclatures »
    keep_existing: bool = False  # « Conserver les élèves déjà présents »
    groups: bool = False  # « Importer la répartition des élèves dans les groupes »

    def as_dict(self) -> dict[str, bool]:
        return {
            "with_nomenclatures": self.with_nomenclatures,
            "keep_existing": self.keep_existing,
            "groups": self.groups,
        }


EMPTY_COUNTS: dict[str, dict[str, int]] = {
    "students": {"created": 0, "updated": 0, "left": 0, "unchanged": 0},
    "guardians": {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0},
    "links": {"created": 0, "updated": 0, "deleted": 0, "unchanged": 0},
    "divisions": {"created": 0, "unchanged": 0},
    "groups": {"created": 0, "unchanged": 0},
    "addresses": {"created": 0, "updated": 0, "deleted": 0, "unchanged": 0},
}


@dataclass
class ImportAnalysis:
    establishment: Establishment
    school_year: int
    options: ImportOptions
    files: list[dict[str, str]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # records of the files (re-used by the no-op shortcut)
    plan: ImportPlan = field(default_factory=ImportPlan)
    errors: list[str] = field(default_factory=list)
    fingerprint: str | None = None  # set when the stored state is known to be the previous run's
    warnings: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors)

    @property
    def changes_anything(self) -> bool:
        return self.plan.changes_anything

    def student_changes(self) -> list[dict[str, Any]]:
        """Per pupil: ELEVE_ID, name, action (created, updated, left) and the fields that change."""
        return [
            {"eleve_id": item.eleve_id, "name": item.name, "action": str(item.action), "fields": item.changed_fields}
            for item in self.plan.history
        ]

    def summary(self, *, dry_run: bool) -> dict[str, Any]:
        """The JSON object of ``manage.py import_siecle`` (keys are a contract)."""
        data: dict[str, Any] = {"uai": self.establishment.uai, "year": self.school_year, "dry_run": dry_run}
        for name, empty in EMPTY_COUNTS.items():
            data[name] = {**empty, **self.plan.counts.get(name, {})}
        data["changed"] = self.changes_anything  # False: the files match what is stored (a no-op)
        data["errors"] = list(self.errors)
        data["warnings"] = list(self.warnings)
        if self.errors:
            data["error"] = self.errors[0]
        return data


def _check_options(loaded: LoadedFiles, options: ImportOptions, analysis: ImportAnalysis) -> None:
    has_nomenclatures = ExportKind.NOMENCLATURES in loaded.by_kind
    if options.with_nomenclatures and not has_nomenclatures:
        analysis.errors.append("L'option « Avec nomenclatures » demande le fichier Nomenclatures.")
    if has_nomenclatures and not options.with_nomenclatures:
        analysis.warnings.append("Fichier Nomenclatures ignoré : l'option « Avec nomenclatures » n'est pas cochée.")


def import_analyse(
    *, establishment: Establishment, school_year: int, files: list[ImportFile], options: ImportOptions
) -> ImportAnalysis:
    """Check the files and compute what an import would change. Never writes.

    Refusals land in ``errors`` (the plan is then empty); per-record issues in ``warnings``.
    """
    analysis = ImportAnalysis(establishment, school_year, options)
    sources = [(item.name, item.data) for item in files]
    analysis.errors = check_headers(sources, establishment=establishment, school_year=school_year)
    if analysis.errors:  # refused from the headers: no body read, nothing hashed
        return analysis
    with scopes_disabled():
        previous = same_import_as_last(establishment, school_year, [item.sha256 for item in files], options.as_dict())
    if previous is not None:
        return _unchanged_since(analysis, previous, files)
    with gc_paused():
        loaded = load_files(files)
    analysis.files = loaded.descriptions
    analysis.errors.extend(loaded.errors)
    if not analysis.errors:
        _check_options(loaded, options, analysis)
    if analysis.errors:
        return analysis
    with scopes_disabled(), gc_paused():  # every read below filters on the establishment explicitly
        _plan(analysis, loaded)
    return analysis


def _plan(analysis: ImportAnalysis, loaded: LoadedFiles) -> None:
    options, establishment = analysis.options, analysis.establishment
    incoming = read_incoming(loaded, with_groups=options.groups, with_nomenclatures=options.with_nomenclatures)
    analysis.warnings.extend(incoming.warnings)
    analysis.totals = {
        "students": len(incoming.students),
        "guardians": len(incoming.persons),
        "skipped": incoming.skipped_persons,
        "links": len(incoming.links),
        "divisions": len(incoming.divisions),
        "groups": len(incoming.groups),
        "addresses": len(incoming.addresses),
    }
    base = {"establishment_id": establishment.pk, "school_year": analysis.school_year}
    plan = analysis.plan
    address_ids, stored_addresses = diff_addresses(plan, incoming, base, establishment)
    student_ids = diff_students(plan, incoming, base, establishment, address_ids, keep_existing=options.keep_existing)
    diff_structures(plan, incoming, base, establishment, student_ids, with_groups=options.groups)
    if ExportKind.RESPONSABLES in loaded.by_kind:
        guardian_ids = diff_guardians(plan, incoming, base, establishment, address_ids)
        diff_links(plan, incoming, base, establishment, student_ids, guardian_ids)
    else:
        keep_stored_references(plan, Guardian, establishment, analysis.school_year)
    drop_orphan_addresses(plan, stored_addresses)
    if options.with_nomenclatures:
        diff_nomenclatures(plan, loaded, base, establishment)
        diff_options(plan, incoming, base, establishment, student_ids)


def _unchanged_since(analysis: ImportAnalysis, previous: ImportRun, files: list[ImportFile]) -> ImportAnalysis:
    """The same files as the last run, nothing changed since: every record is unchanged."""
    totals = previous.summary["totals"]
    kinds = {item["sha256"]: item["kind"] for item in previous.files}
    analysis.files = [{"name": item.name, "kind": kinds[item.sha256], "sha256": item.sha256} for item in files]
    analysis.totals = dict(totals)
    analysis.warnings = list(previous.summary.get("warnings", []))
    analysis.plan.counts = {
        "students": {**EMPTY_COUNTS["students"], "unchanged": totals["students"]},
        "guardians": {**EMPTY_COUNTS["guardians"], "unchanged": totals["guardians"], "skipped": totals["skipped"]},
        "links": {**EMPTY_COUNTS["links"], "unchanged": totals["links"]},
        "divisions": {**EMPTY_COUNTS["divisions"], "unchanged": totals["divisions"]},
        "groups": {**EMPTY_COUNTS["groups"], "unchanged": totals["groups"]},
        "addresses": {**EMPTY_COUNTS["addresses"], "unchanged": totals.get("addresses", 0)},
    }
    analysis.fingerprint = previous.summary["fingerprint"]
    return analysis
