"""BEE_NOMENCLATURES reader: MEF, subjects, programmes, mandatory options, code tables (§5)."""

from __future__ import annotations

from collections.abc import Iterable

from siecle.formats.base import NO_RECORDS, KindReader
from siecle.formats.fields import (
    CODE_TABLES,
    MANDATORY_OPTION_FIELDS,
    MEF_FIELDS,
    PROGRAMME_FIELDS,
    SUBJECT_FIELDS,
)
from siecle.formats.records import CodeLabel, MandatoryOption, Mef, Programme, Record, Subject
from siecle.formats.xmlstream import Element, attribute, clean, read_fields, tag_of

_LABELS = ("LIBELLE_COURT", "LIBELLE_LONG")


class NomenclaturesReader(KindReader):
    tags = ("MEF", "MATIERE", "PROGRAMME", "OPTION_OBLIGATOIRE", *CODE_TABLES)

    def count_keys(self) -> tuple[str, ...]:
        return ("mefs", "subjects", "programmes", "mandatory_options", "codes")

    def handle(self, element: Element) -> Iterable[Record]:
        tag = element.tag
        if tag == "MEF":
            return self._keyed(element, "CODE_MEF", Mef, MEF_FIELDS, "mefs")
        if tag == "MATIERE":
            return self._keyed(element, "CODE_MATIERE", Subject, SUBJECT_FIELDS, "subjects")
        if tag == "PROGRAMME":
            return self._plain(element, Programme, PROGRAMME_FIELDS, "programmes")
        if tag == "OPTION_OBLIGATOIRE":
            return self._plain(element, MandatoryOption, MANDATORY_OPTION_FIELDS, "mandatory_options")
        return self._code(element)

    def _keyed(self, element: Element, key: str, cls: type, spec: dict, counter: str) -> Iterable[Record]:
        code = attribute(element, key)
        if code is None:
            self.report.error(
                "MISSING_CODE", f"{tag_of(element)} sans attribut {key} : ignoré.", line=element.sourceline
            )
            return NO_RECORDS
        values, bad = read_fields(element, spec)
        self._warn_bad(element, bad)
        self.counts[counter] += 1
        return (cls(code=code, **values),)

    def _plain(self, element: Element, cls: type, spec: dict, counter: str) -> Iterable[Record]:
        values, bad = read_fields(element, spec)
        self._warn_bad(element, bad)
        self.counts[counter] += 1
        return (cls(**{name: values.get(name) for name, _lex in spec.values()}),)

    def _code(self, element: Element) -> Iterable[Record]:
        table, key = CODE_TABLES[tag_of(element)]
        code = attribute(element, key)
        if code is None:
            self.report.error(
                "MISSING_CODE", f"{tag_of(element)} sans attribut {key} : ignoré.", line=element.sourceline
            )
            return NO_RECORDS
        texts = {tag_of(child): clean(child.text) for child in element}
        extras = tuple((tag, text) for tag, text in texts.items() if tag not in _LABELS and text)
        self.counts["codes"] += 1
        return (CodeLabel(table, code, texts.get("LIBELLE_COURT"), texts.get("LIBELLE_LONG"), extras),)

    def _warn_bad(self, element: Element, bad: list[tuple[str, str]]) -> None:
        for tag, text in bad:
            self.report.warning(
                "INVALID_VALUE", f"{tag_of(element)} : {tag} « {text} » illisible.", line=element.sourceline
            )
