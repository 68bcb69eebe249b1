"""Reading the uploaded exports and checking they belong together: UAI, school year, kinds.

The checks that refuse a file come first and read only its header (root and PARAMETRES): a file of
another establishment, year or kind is refused in milliseconds whatever its size, before any body is
read or hashed. ``identify_file`` is what an upload form calls on each file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from establishments.models import Establishment
from establishments.school_years import school_year_label
from siecle.formats import MAX_XML_BYTES, ExportKind, FormatError, ParsedExport, read_export, read_header
from siecle.formats.source import Source, too_large

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
        """Raises FormatError (French message) for a file over the size cap, before reading it."""
        path = Path(path)
        if path.stat().st_size > MAX_XML_BYTES:
            raise too_large(MAX_XML_BYTES)
        return cls(name=path.name, data=path.read_bytes())

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class IdentifiedFile:
    """What a file's header says, and why it cannot be imported here (French, prefixed by the file name)."""

    name: str
    kind: ExportKind | None
    uai: str | None
    school_year: int | None
    errors: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.errors)


def identify_file(name: str, source: Source, *, establishment: Establishment, school_year: int) -> IdentifiedFile:
    """Kind, UAI and school year of one uploaded file, from its header only (milliseconds, whatever its size).

    ``source``: bytes, a path or a binary file, ``.xml`` or ``.zip``. ``errors`` holds the refusals:
    not a usable SIECLE export (size, zip, encoding, DOCTYPE, root, UAJ), another establishment (a sibling
    is named), another school year. Never raises for the file's content; reads the database only to name
    a sibling establishment.
    """
    try:
        envelope = read_header(source)
    except FormatError as refusal:
        kind = ExportKind(refusal.kind) if refusal.kind else None
        return IdentifiedFile(name, kind, None, None, (f"{name} : {refusal.message}",))
    errors = tuple(
        f"{name} : {error}"
        for error in _identity_errors(envelope.uai, envelope.school_year, establishment, school_year)
    )
    return IdentifiedFile(name, envelope.kind, envelope.uai, envelope.school_year, errors)


def check_headers(
    sources: Sequence[tuple[str, Source]], *, establishment: Establishment, school_year: int
) -> list[str]:
    """Every refusal found from the files' headers: identity of each file, then one file per kind, Élèves present."""
    if not sources:
        return ["Aucun fichier fourni."]
    identified = [
        identify_file(name, source, establishment=establishment, school_year=school_year) for name, source in sources
    ]
    errors = [error for item in identified for error in item.errors]
    names_by_kind: dict[ExportKind, list[str]] = {}
    for item in identified:
        if item.kind is not None:
            names_by_kind.setdefault(item.kind, []).append(item.name)
    return errors + _kind_errors(names_by_kind, refused=bool(errors))


@dataclass
class LoadedFiles:
    """The parsed exports by kind, plus the refusals found while reading them."""

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


def _identity_errors(uai: str | None, year: int | None, establishment: Establishment, school_year: int) -> list[str]:
    errors = []
    if uai != establishment.uai:
        errors.append(uai_mismatch_message(uai or "?", establishment))
    if year != school_year:
        found = school_year_label(year) if year else "inconnue"
        errors.append(f"ce fichier concerne l'année scolaire {found}, pas {school_year_label(school_year)}.")
    return errors


def _kind_errors(names_by_kind: dict[ExportKind, list[str]], *, refused: bool) -> list[str]:
    errors = [
        f"Plusieurs fichiers {KIND_LABELS[kind]} ({', '.join(names)}) : un seul fichier par type."
        for kind, names in names_by_kind.items()
        if len(names) > 1
    ]
    if ExportKind.ELEVES not in names_by_kind and not (errors or refused):
        errors.append("Le fichier Élèves est obligatoire.")
    return errors


def load_files(files: list[ImportFile]) -> LoadedFiles:
    """Parse every file (whose header ``check_headers`` accepted); ``errors`` lists the files refused on reading."""
    loaded = LoadedFiles()
    for item in files:
        try:
            parsed = read_export(item.data)
        except FormatError as error:
            loaded.errors.append(f"{item.name} : {error.message}")
            continue
        loaded.by_kind[parsed.kind] = parsed
        loaded.descriptions.append({"name": item.name, "kind": parsed.kind.value, "sha256": item.sha256})
    return loaded
