"""Reading the uploaded exports and checking they belong together: UAI, school year, kinds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from establishments.models import Establishment
from establishments.school_years import school_year_label
from siecle.formats import ExportKind, FormatError, ParsedExport, read_export

KIND_LABELS = {
    ExportKind.ELEVES: "Élèves",
    ExportKind.RESPONSABLES: "Responsables",
    ExportKind.STRUCTURES: "Structures",
    ExportKind.NOMENCLATURES: "Nomenclatures",
}


@dataclass(frozen=True)
class ImportFile:
    """One uploaded file: its name (for messages and the run record) and its bytes."""

    name: str
    data: bytes

    @classmethod
    def from_path(cls, path: str | Path) -> ImportFile:
        path = Path(path)
        return cls(name=path.name, data=path.read_bytes())

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class LoadedFiles:
    """The parsed exports by kind, plus the refusals found while checking them."""

    by_kind: dict[ExportKind, ParsedExport] = field(default_factory=dict)
    descriptions: list[dict[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def get(self, kind: ExportKind) -> ParsedExport | None:
        return self.by_kind.get(kind)


def _establishment_phrase(establishment: Establishment) -> str:
    name = establishment.name
    return f"le {name[:1].lower()}{name[1:]} (UAI {establishment.uai})"


def uai_mismatch_message(file_uai: str, chosen: Establishment) -> str:
    sibling = Establishment.objects.filter(organisation_id=chosen.organisation_id, uai=file_uai).first()
    if sibling is not None:
        return f"Ce fichier concerne {_establishment_phrase(sibling)}, pas {_establishment_phrase(chosen)}."
    # Another organisation's establishment is described like an unknown one: nothing leaks.
    return f"Ce fichier concerne l'établissement UAI {file_uai}, pas {_establishment_phrase(chosen)}."


def _check_one(parsed: ParsedExport, name: str, establishment: Establishment, school_year: int) -> list[str]:
    errors = []
    envelope = parsed.envelope
    if envelope.uai != establishment.uai:
        errors.append(f"{name} : {uai_mismatch_message(envelope.uai or '?', establishment)}")
    if envelope.school_year != school_year:
        found = school_year_label(envelope.school_year) if envelope.school_year else "inconnue"
        errors.append(f"{name} : ce fichier concerne l'année scolaire {found}, pas {school_year_label(school_year)}.")
    return errors


def _check_kinds(loaded: LoadedFiles, names_by_kind: dict[ExportKind, list[str]]) -> None:
    for kind, names in names_by_kind.items():
        if len(names) > 1:
            loaded.errors.append(
                f"Plusieurs fichiers {KIND_LABELS[kind]} ({', '.join(names)}) : un seul fichier par type."
            )
    if ExportKind.ELEVES not in names_by_kind and not loaded.errors:
        loaded.errors.append("Le fichier Élèves est obligatoire.")


def _check_agreement(loaded: LoadedFiles) -> None:
    envelopes = [parsed.envelope for parsed in loaded.by_kind.values()]
    if len({(e.uai, e.school_year) for e in envelopes}) > 1:
        loaded.errors.append("Les fichiers ne concernent pas tous le même établissement et la même année scolaire.")


def load_files(files: list[ImportFile], *, establishment: Establishment, school_year: int) -> LoadedFiles:
    """Parse every file and check it; ``errors`` lists the refusals (nothing is written anyway)."""
    loaded = LoadedFiles()
    names_by_kind: dict[ExportKind, list[str]] = {}
    if not files:
        loaded.errors.append("Aucun fichier fourni.")
        return loaded
    for item in files:
        try:
            parsed = read_export(item.data)
        except FormatError as error:
            loaded.errors.append(f"{item.name} : {error.message}")
            continue
        names_by_kind.setdefault(parsed.kind, []).append(item.name)
        loaded.by_kind[parsed.kind] = parsed
        loaded.descriptions.append({"name": item.name, "kind": parsed.kind.value, "sha256": item.sha256})
        loaded.errors.extend(_check_one(parsed, item.name, establishment, school_year))
    _check_kinds(loaded, names_by_kind)
    if not loaded.errors:
        _check_agreement(loaded)
    return loaded
