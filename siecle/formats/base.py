"""What the four kind readers share: the handler interface and pupil-aware issue helpers."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from siecle.formats.issues import Issue, Report, Severity
from siecle.formats.records import Record
from siecle.formats.xmlstream import Element

NO_RECORDS: tuple[Record, ...] = ()


class KindReader:
    """Turns the record elements of one kind of export into records, reporting as it goes."""

    tags: tuple[str, ...] = ()

    def __init__(self, report: Report, reference_date: dt.date):
        self.report = report
        self.reference_date = reference_date
        self.counts: Counter[str] = Counter()

    def handle(self, element: Element) -> Iterable[Record]:
        raise NotImplementedError

    def finish(self) -> None:
        """Called once the whole file was read, for checks that need every record."""

    def count_keys(self) -> tuple[str, ...]:
        """Counts always present in the report, even when zero."""
        return ()


def describe_pupil(eleve_id: str | None, ine: str | None, name: str | None) -> str:
    """« Élève DUPONT Léa (ELEVE_ID 1000001, INE 123456789AB) », what a secretary searches by."""
    ids = [f"ELEVE_ID {eleve_id}" if eleve_id else None, f"INE {ine}" if ine else "sans INE"]
    label = f"Élève {name}" if name else "Élève"
    return f"{label} ({', '.join(part for part in ids if part)})"


def pupil_issue(
    report: Report,
    severity: Severity,
    code: str,
    detail: str,
    *,
    eleve_id: str | None,
    ine: str | None = None,
    name: str | None = None,
    line: int | None = None,
) -> None:
    if report.full:  # counted, not described: a file of millions of bad records stays cheap
        report.omit(severity)
        return
    message = f"{describe_pupil(eleve_id, ine, name)} : {detail}"
    report.add(Issue(code, message, severity, line=line, eleve_id=eleve_id, ine=ine, name=name))


# « ? » or U+FFFD where a letter was: SIECLE (or a tool on the way) could not encode it on export.
LOST_CHARACTERS = ("?", "\ufffd")


def lost_character_fields(record: Any, fields: dict[str, str]) -> list[tuple[str, str]]:
    """(SIECLE element, value) of the name fields of ``record`` holding a lost character."""
    found = []
    for attribute_name, element_name in fields.items():
        value = getattr(record, attribute_name)
        if value and any(mark in value for mark in LOST_CHARACTERS):
            found.append((element_name, value))
    return found


def lost_character_detail(lost: list[tuple[str, str]]) -> str:
    values = ", ".join(f"{tag} « {value} »" for tag, value in lost)
    return f"caractère perdu à l'export (« ? » ou « \ufffd ») dans {values} : à corriger dans SIECLE."


def bad_values_detail(bad: list[tuple[str, str]]) -> str:
    return ", ".join(f"{tag} « {text} » illisible" for tag, text in bad)
