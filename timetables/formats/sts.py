"""Reader of the STS-Web export towards timetable software: ``sts_emp_<UAI>_<YEAR>.xml`` (root ``STS_EDT``).

Built on the SIECLE readers' safe plumbing (``siecle.formats.source.open_xml`` for the zip and size rules,
``siecle.formats.xmlstream.iter_records`` for lxml iterparse with DTD, entities and network off, every
record released once read). The UAI and year of ``PARAMETRES`` are checked against what the caller expects
before any record of the body is read. Pure Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterator

from siecle.formats.issues import FormatError
from siecle.formats.limits import DEFAULT_LIMITS, Limits
from siecle.formats.source import Source, open_xml
from siecle.formats.xmlstream import Element, iter_records
from timetables.formats.header import read_header
from timetables.formats.items import ItemReader
from timetables.formats.records import StsExport, StsHeader

STS_ROOT = "STS_EDT"
UPLOAD_ROOT = "EDT_STS"  # the file a timetable software sends *to* STS-Web
RECORD_TAGS = ("PARAMETRES", "MOD_COURS", "MATIERE", "MEF", "INDIVIDU", "DIVISION", "GROUPE")


def read_sts(
    source: Source, *, uai: str | None = None, year: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> StsExport:
    """Read a whole ``sts_emp`` export (``.xml`` or ``.zip``; bytes, path or binary file).

    Raises FormatError when the file is refused: wrong root (an ``EDT_STS`` upload file has its own
    message), another establishment's or year's file (when ``uai`` / ``year`` are given), malformed XML,
    size caps, zip problems. Record-level problems land in ``export.report``.
    """
    with open_xml(source, limits) as opened:
        _check_root(opened.sniffed.root_tag)
        elements = iter_records(opened.stream, RECORD_TAGS)
        header = read_header(_first(elements), expected_uai=uai, expected_year=year)
        export = StsExport(header, encoding=opened.sniffed.encoding)
        items = ItemReader(export)
        for element in elements:
            items.handle(element)
        items.finish()
        if opened.stream.mojibake_count:
            export.report.warning(
                "MOJIBAKE",
                f"{opened.stream.mojibake_count} séquence(s) du type « Ã© » : le fichier a sans doute été "
                "réenregistré dans un autre encodage que celui déclaré. Les accents seront faux.",
                line=opened.stream.mojibake_line,
            )
    return export


def read_sts_header(
    source: Source, *, uai: str | None = None, year: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> StsHeader:
    """Only the root and ``PARAMETRES`` of an ``sts_emp`` export, checked like ``read_sts`` does (same
    FormatError messages), without reading the body: the import page refuses a wrong file at once."""
    with open_xml(source, limits) as opened:
        _check_root(opened.sniffed.root_tag)
        return read_header(_first(iter_records(opened.stream, RECORD_TAGS)), expected_uai=uai, expected_year=year)


def _check_root(tag: str | None) -> None:
    if tag == STS_ROOT:
        return
    if tag == UPLOAD_ROOT:
        raise FormatError(
            "UPLOAD_FILE",
            "Ce fichier (racine EDT_STS) est l'export de l'emploi du temps vers STS-Web, pas l'export de "
            "STS-Web : dans STS-Web, prenez « Exports > Emploi du temps » (fichier sts_emp_<UAI>_<ANNÉE>.xml).",
        )
    raise FormatError(
        "WRONG_ROOT",
        f"Élément racine « {tag} » inattendu : ce n'est pas un export STS-Web « sts_emp » (racine STS_EDT).",
    )


def _first(elements: Iterator[Element]) -> Element:
    first = next(elements, None)
    if first is None or first.tag != "PARAMETRES":
        raise FormatError(
            "MISSING_PARAMETERS",
            "Le bloc PARAMETRES (UAJ et année scolaire) manque en tête du fichier : fichier refusé.",
        )
    return first
