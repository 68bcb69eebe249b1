"""BEE_STRUCTURES reader: divisions and groups with their MEF and parent divisions (§6)."""

from __future__ import annotations

from collections.abc import Iterable

from siecle.formats.base import NO_RECORDS, KindReader
from siecle.formats.records import Division, Group, Record
from siecle.formats.xmlstream import Element, attribute, child_texts, clean, tag_of


class StructuresReader(KindReader):
    tags = ("DIVISION", "GROUPE")

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.codes: set[str] = set()

    def count_keys(self) -> tuple[str, ...]:
        return ("divisions", "groups")

    def handle(self, element: Element) -> Iterable[Record]:
        code = attribute(element, "CODE_STRUCTURE") or attribute(element, "CODE")
        if code is None or code in self.codes:
            self._refuse(element, code)
            return NO_RECORDS
        self.codes.add(code)
        label = clean(element.findtext("LIBELLE_LONG"))
        uai = clean(element.findtext("CODE_RNE"))
        mefs = child_texts(element, "MEFS_APPARTENANCE/MEF_APPARTENANCE/CODE_MEF")
        if element.tag == "DIVISION":
            self.counts["divisions"] += 1
            return (Division(code, label, uai, mefs),)
        self.counts["groups"] += 1
        return (Group(code, label, uai, mefs, _parent_divisions(element)),)

    def _refuse(self, element: Element, code: str | None) -> None:
        if code is None:
            message = f"{tag_of(element)} sans attribut CODE_STRUCTURE : ignoré."
            self.report.error("MISSING_CODE", message, line=element.sourceline)
        else:
            message = f"Structure « {code} » présente deux fois : seconde occurrence ignorée."
            self.report.error("DUPLICATE_STRUCTURE", message, line=element.sourceline)


def _parent_divisions(group: Element) -> tuple[str, ...]:
    """CODE_STRUCTURE children in BEE; a CODE attribute in the STS-Web variant (pyKol reads both)."""
    codes: list[str] = []
    for parent in group.iterfind("DIVISIONS_APPARTENANCE/DIVISION_APPARTENANCE"):
        code = clean(parent.findtext("CODE_STRUCTURE")) or attribute(parent, "CODE")
        if code:
            codes.append(code)
    return tuple(codes)
