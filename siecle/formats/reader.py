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
from siecle.formats.xmlstream import iter_records, tag_of

KIND_READERS: dict[ExportKind, type[KindReader]] = {
    ExportKind.ELEVES: ElevesReader,
    ExportKind.RESPONSABLES: ResponsablesReader,
    ExportKind.NOMENCLATURES: NomenclaturesReader,
    ExportKind.STRUCTURES: StructuresReader,
}


class ExportStream:
    """One export being read: the envelope is known on entry, records come by iterating once.

    ``report`` and ``counts`` are complete once the iteration is over (mojibake and end-of-file
    checks are added at the end).
    """

    def __init__(self, opened: OpenedXml, kind: ExportKind, today: dt.date):
        self.opened = opened
        self.kind = kind
        self.report = Report()
        self._elements = iter_records(opened.stream, ("PARAMETRES", *KIND_READERS[kind].tags))
        self._first = next(self._elements, None)
        self.envelope = self._read_envelope()
        self._reader = KIND_READERS[kind](self.report, self.envelope.reference_date or today)
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
        first = self._first
        if first is not None and first.getroottree().getroot().tag != self.opened.sniffed.root_tag:
            raise wrong_root(tag_of(first.getroottree().getroot()))
        if first is None or first.tag != "PARAMETRES":
            raise missing_parameters()
        envelope = read_envelope(first, self.kind, self.report)
        self._first = None
        return envelope

    def __iter__(self) -> Iterator[Record]:
        if self.finished:
            raise RuntimeError("an ExportStream can be iterated only once")
        for element in self._elements:
            yield from self._reader.handle(element)
        self.finished = True
        self._reader.finish()
        self._report_mojibake()

    def _report_mojibake(self) -> None:
        stream = self.opened.stream
        if stream.mojibake_count:
            self.report.warning(
                "MOJIBAKE",
                f"{stream.mojibake_count} séquence(s) du type « Ã© » à partir de la ligne "
                f"{stream.mojibake_line} : le fichier a sans doute été réenregistré dans un autre "
                f"encodage que celui déclaré ({self.encoding}). Les accents seront faux.",
                line=stream.mojibake_line,
            )


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
        kind = ROOT_KINDS.get(opened.sniffed.root_tag)
        if kind is None:
            raise wrong_root(opened.sniffed.root_tag)
        stream = ExportStream(opened, kind, today or dt.date.today())
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
