"""Reading one export end to end: open, sniff, stream records, report.

``stream_export`` yields records one by one for big files; ``read_export`` gathers them into a
``ParsedExport``. Both raise ``FormatError`` for a file that cannot be used at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from siecle.formats.base import KindReader
from siecle.formats.eleves import ElevesReader
from siecle.formats.envelope import missing_parameters, read_envelope
from siecle.formats.gcpause import gc_paused
from siecle.formats.issues import FormatError, Report
from siecle.formats.limits import DEFAULT_LIMITS, Limits
from siecle.formats.nomenclatures import NomenclaturesReader
from siecle.formats.records import (
    ROOT_KINDS,
    Address,
    CodeLabel,
    Division,
    Envelope,
    ExportKind,
    Group,
    GuardianLink,
    MandatoryOption,
    Mef,
    Person,
    Programme,
    Record,
    Student,
    StudentGrants,
    StudentOption,
    StudentStructures,
    Subject,
)
from siecle.formats.responsables import ResponsablesReader
from siecle.formats.source import OpenedXml, Source, open_xml
from siecle.formats.structures import StructuresReader
from siecle.formats.xmlstream import XmlWalker, tag_of

KIND_READERS: dict[ExportKind, type[KindReader]] = {
    ExportKind.ELEVES: ElevesReader,
    ExportKind.RESPONSABLES: ResponsablesReader,
    ExportKind.NOMENCLATURES: NomenclaturesReader,
    ExportKind.STRUCTURES: StructuresReader,
}

# Every tag the walker hands to Python, whatever the kind: it learns the kind from the root.
ALL_TAGS = frozenset((*ROOT_KINDS, "PARAMETRES", *(tag for reader in KIND_READERS.values() for tag in reader.tags)))


class ExportStream:
    """One export being read: kind and envelope are known on entry, records come by iterating once.

    ``report`` and ``counts`` are complete once the iteration is over. A refusal raised once the root
    element was read carries the export's ``kind``.
    """

    def __init__(self, opened: OpenedXml, limits: Limits, today: dt.date):
        self.opened = opened
        self.report = Report(max_issues=limits.max_issues, max_refused_records=limits.max_refused_records)
        walker = XmlWalker(opened.stream, limits, ALL_TAGS)
        self.kind = export_kind(tag_of(walker.open_root()))
        with self._naming_kind():
            self._elements = walker.records(frozenset(("PARAMETRES", *KIND_READERS[self.kind].tags)))
            self.envelope = self._read_envelope()
        self._reader = KIND_READERS[self.kind](self.report, self.envelope.reference_date or today)
        self.finished = False

    @property
    def encoding(self) -> str:
        return self.opened.sniffed.encoding

    @property
    def counts(self) -> dict[str, int]:
        counts = {key: 0 for key in self._reader.count_keys()}
        counts.update(self._reader.counts)
        return counts

    def _read_envelope(self) -> Envelope:
        first = next(self._elements, None)
        if first is None or first.tag != "PARAMETRES":
            raise missing_parameters()
        return read_envelope(first, self.kind, self.report)

    @contextmanager
    def _naming_kind(self) -> Iterator[None]:
        try:
            yield
        except FormatError as refusal:
            refusal.kind = self.kind.value
            raise

    def __iter__(self) -> Iterator[Record]:
        if self.finished:
            raise RuntimeError("an ExportStream can be iterated only once")
        with self._naming_kind():
            for element in self._elements:
                yield from self._reader.handle(element)
        self.finished = True
        self._reader.finish()
        self.report.close()


def export_kind(root_tag: str) -> ExportKind:
    kind = ROOT_KINDS.get(root_tag)
    if kind is None:
        raise wrong_root(root_tag)
    return kind


def wrong_root(tag: str) -> FormatError:
    expected = ", ".join(ROOT_KINDS)
    return FormatError(
        "WRONG_ROOT",
        f"Élément racine « {tag} » inattendu : ce n'est pas un export "
        f"SIECLE lu par NetSynchro Portal (attendu : {expected}).",
    )


@contextmanager
def stream_export(
    source: Source, *, limits: Limits = DEFAULT_LIMITS, today: dt.date | None = None
) -> Iterator[ExportStream]:
    """Open ``source`` and yield an ExportStream; raises FormatError on a file-level refusal.

    ``today`` is the fallback reference date for "departed" when the file has no DATE_EXPORT.
    """
    with open_xml(source, limits) as opened:
        stream = ExportStream(opened, limits, today or dt.date.today())
        if opened.sniffed.bom and opened.sniffed.declared not in (None, "UTF-8", "utf-8"):
            stream.report.warning(
                "ENCODING_BOM_MISMATCH",
                f"Marque d'ordre UTF-8 (BOM) présente "
                f"mais encodage déclaré « {opened.sniffed.declared} » : lu en UTF-8.",
            )
        yield stream


@dataclass(slots=True)
class ParsedExport:
    """Everything one export holds; only the lists of its kind are filled.

    ``addresses``, ``persons``, ``mefs``, ``subjects`` and ``divisions``/``groups`` are keyed by
    their SIECLE id or code; ``code_tables`` is {section: {code: CodeLabel}}.
    """

    envelope: Envelope
    report: Report
    encoding: str
    counts: dict[str, int] = field(default_factory=dict)
    students: list[Student] = field(default_factory=list)
    options: list[StudentOption] = field(default_factory=list)
    structures: list[StudentStructures] = field(default_factory=list)
    grants: list[StudentGrants] = field(default_factory=list)
    addresses: dict[str, Address] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    links: list[GuardianLink] = field(default_factory=list)
    mefs: dict[str, Mef] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    programmes: list[Programme] = field(default_factory=list)
    mandatory_options: list[MandatoryOption] = field(default_factory=list)
    code_tables: dict[str, dict[str, CodeLabel]] = field(default_factory=dict)
    divisions: dict[str, Division] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    @property
    def kind(self) -> ExportKind:
        return self.envelope.kind

    def add(self, record: Record) -> None:
        _ADDERS[type(record)](self, record)


def _keyed(name: str, key: str) -> Any:
    return lambda parsed, record: getattr(parsed, name).__setitem__(getattr(record, key), record)


def _listed(name: str) -> Any:
    return lambda parsed, record: getattr(parsed, name).append(record)


def _code(parsed: ParsedExport, record: CodeLabel) -> None:
    parsed.code_tables.setdefault(record.table, {})[record.code] = record


_ADDERS: dict[type, Any] = {
    Student: _listed("students"),
    StudentOption: _listed("options"),
    StudentStructures: _listed("structures"),
    StudentGrants: _listed("grants"),
    Address: _keyed("addresses", "address_id"),
    Person: _keyed("persons", "person_id"),
    GuardianLink: _listed("links"),
    Mef: _keyed("mefs", "code"),
    Subject: _keyed("subjects", "code"),
    Programme: _listed("programmes"),
    MandatoryOption: _listed("mandatory_options"),
    CodeLabel: _code,
    Division: _keyed("divisions", "code"),
    Group: _keyed("groups", "code"),
}


def read_export(source: Source, *, limits: Limits = DEFAULT_LIMITS, today: dt.date | None = None) -> ParsedExport:
    """Read a whole export (``.xml`` or ``.zip``; bytes, path or binary file) into memory.

    Raises FormatError when the file is refused; record-level problems go to ``report``
    (errors: the record was skipped; warnings: it was kept).
    """
    with stream_export(source, limits=limits, today=today) as stream, gc_paused():
        parsed = ParsedExport(stream.envelope, stream.report, stream.encoding)
        for record in stream:
            parsed.add(record)
        parsed.counts = stream.counts
    return parsed


def read_header(source: Source, *, limits: Limits = DEFAULT_LIMITS) -> Envelope:
    """Kind, UAI, school year and version of an export, from its root element and PARAMETRES only.

    Reads nothing past PARAMETRES (a few kilobytes, whatever the file's size). Raises FormatError, with
    a French message, for a file that is not a usable SIECLE export (size cap, zip rules, encoding,
    DOCTYPE, root element, missing UAJ); its ``kind`` is set when the root element was read.
    """
    with stream_export(source, limits=limits) as stream:
        return stream.envelope
