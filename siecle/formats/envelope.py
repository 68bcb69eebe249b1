"""The common envelope: root VERSION and PARAMETRES (FORMATS-SIECLE-BEE.md §2.1)."""

from __future__ import annotations

import datetime as dt

from establishments.uai import normalise_uai, uai_error
from siecle.formats.fields import parse_date, parse_timestamp
from siecle.formats.issues import FormatError, Report
from siecle.formats.records import Envelope, ExportKind
from siecle.formats.xmlstream import Element, clean


def read_envelope(parameters: Element | None, kind: ExportKind, report: Report) -> Envelope:
    """Build the envelope; a missing UAJ refuses the file, other problems are warnings."""
    root = parameters.getroottree().getroot() if parameters is not None else None
    values = {child.tag: clean(child.text) for child in parameters} if parameters is not None else {}
    uai = _uai(values.get("UAJ"), report)
    return Envelope(
        kind=kind,
        version=clean(root.get("VERSION")) if root is not None else None,
        uai=uai,
        school_year=_school_year(values.get("ANNEE_SCOLAIRE"), report),
        export_date=_date(values.get("DATE_EXPORT"), "DATE_EXPORT", report),
        timestamp=_timestamp(values.get("HORODATAGE"), report),
    )


def missing_parameters() -> FormatError:
    return FormatError(
        "MISSING_UAJ",
        "Le bloc PARAMETRES (avec l'UAJ de l'établissement) manque avant les données : "
        "impossible de savoir de quel établissement vient ce fichier.",
    )


def _uai(raw: str | None, report: Report) -> str:
    if raw is None:
        raise FormatError(
            "MISSING_UAJ",
            "L'UAJ (code UAI de l'établissement) manque dans PARAMETRES : fichier refusé.",
        )
    uai = normalise_uai(raw)
    problem = uai_error(uai)
    if problem is not None:
        report.warning("INVALID_UAI", f"UAJ du fichier : {problem}")
    return uai


def _school_year(raw: str | None, report: Report) -> int | None:
    if raw is None:
        report.warning("MISSING_SCHOOL_YEAR", "ANNEE_SCOLAIRE manque dans PARAMETRES.")
        return None
    if len(raw) != 4 or not raw.isdigit():
        report.warning("INVALID_SCHOOL_YEAR", f"ANNEE_SCOLAIRE « {raw} » n'est pas une année.")
        return None
    return int(raw)


def _date(raw: str | None, name: str, report: Report) -> dt.date | None:
    if raw is None:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        report.warning("INVALID_DATE", f"{name} « {raw} » n'est pas une date JJ/MM/AAAA.")
        return None


def _timestamp(raw: str | None, report: Report) -> dt.datetime | None:
    if raw is None:
        return None
    try:
        return parse_timestamp(raw)
    except ValueError:
        report.warning("INVALID_DATE", f"HORODATAGE « {raw} » n'est pas au format JJ/MM/AAAA HH:MM:SS.")
        return None
