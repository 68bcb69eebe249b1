"""PARAMETRES of ``STS_EDT``: ``UAJ@CODE`` and ``ANNEE_SCOLAIRE@ANNEE``, checked before the body is read."""

from __future__ import annotations

from establishments.uai import normalise_uai
from siecle.formats.issues import FormatError
from siecle.formats.xmlstream import Element, attribute, clean
from timetables.formats.fields import iso_date, text
from timetables.formats.records import StsHeader


def read_header(parameters: Element, *, expected_uai: str | None, expected_year: int | None) -> StsHeader:
    uai = _uai(parameters)
    year = _year(parameters)
    if expected_uai is not None and uai != normalise_uai(expected_uai):
        raise FormatError(
            "UAI_MISMATCH",
            f"Ce fichier STS-Web est celui de l'établissement {uai}, pas de {normalise_uai(expected_uai)} : refusé.",
        )
    if expected_year is not None and year != expected_year:
        raise FormatError(
            "YEAR_MISMATCH",
            f"Ce fichier STS-Web est celui de l'année {year}-{year + 1}, "
            f"pas de {expected_year}-{expected_year + 1} : refusé.",
        )
    school_year = parameters.find("ANNEE_SCOLAIRE")
    first_day, last_day = _dates(school_year)
    return StsHeader(uai=uai, year=year, first_day=first_day, last_day=last_day, name=_name(parameters))


def _uai(parameters: Element) -> str:
    element = parameters.find("UAJ")
    raw = attribute(element, "CODE") if element is not None else None
    if raw is None:
        raise FormatError("MISSING_UAJ", "L'UAJ (code UAI de l'établissement) manque dans PARAMETRES : refusé.")
    return normalise_uai(raw)[:8]


def _year(parameters: Element) -> int:
    element = parameters.find("ANNEE_SCOLAIRE")
    raw = attribute(element, "ANNEE") if element is not None else None
    if raw is None or len(raw) != 4 or not raw.isdigit():
        raise FormatError(
            "MISSING_SCHOOL_YEAR",
            "L'année scolaire (ANNEE_SCOLAIRE@ANNEE) manque ou est illisible dans PARAMETRES : refusé.",
        )
    return int(raw)


def _dates(school_year: Element | None) -> tuple:
    if school_year is None:
        return None, None
    try:
        return iso_date(clean(school_year.findtext("DATE_DEBUT"))), iso_date(clean(school_year.findtext("DATE_FIN")))
    except ValueError:
        return None, None


def _name(parameters: Element) -> str | None:
    uaj = parameters.find("UAJ")
    if uaj is None:
        return None
    parts = (text(uaj, "DENOM_PRINC"), text(uaj, "DENOM_COMPL"))
    return " ".join(part for part in parts if part) or None
