"""Readers of what the writers produce, the receiving side's view: used by the round-trip tests and to
check a stored file before it is deposited again. lxml with no DTD, entity or network access."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from exports.formats.data import (
    Course,
    GroupLink,
    Membership,
    OpeningDay,
    PupilGroups,
    Service,
    Structure,
    StudentGroupsExport,
    TeacherCourses,
    Timetable,
    WeekPattern,
)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def _root(data: bytes, name: str) -> etree._Element:
    root = etree.fromstring(data, _PARSER)
    if root.tag != name:
        raise ValueError(f"root {root.tag!r} is not {name!r}")
    return root


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[2:4])


def _text(element: etree._Element | None, path: str) -> str:
    return (element.findtext(path) if element is not None else None) or ""


def _attr(element: etree._Element, name: str) -> str:
    return str(element.get(name) or "")


def _child(element: etree._Element, path: str) -> etree._Element:
    found = element.find(path)
    if found is None:
        raise ValueError(f"{path} is missing")
    return found


def read_edt_sts(data: bytes) -> Timetable:
    root = _root(data, "EDT_STS")
    donnees = _child(root, "DONNEES")
    return Timetable(
        uai=_text(root, "PARAMETRES/UAJ"),
        school_year=int(_text(root, "PARAMETRES/ANNEE_SCOLAIRE")),
        application=_text(root, "PARAMETRES/APPLICATION_SOURCE"),
        opening=tuple(
            OpeningDay(int(_attr(h, "JOUR")), _minutes(_text(h, "DEBUT_COURS")), _minutes(_text(h, "FIN_COURS")))
            for h in donnees.iterfind("HORAIRES/HORAIRE")
        ),
        week_patterns=tuple(
            WeekPattern(
                _attr(a, "CODE"),
                _text(a, "LIBELLE_COURT"),
                _text(a, "LIBELLE_LONG"),
                tuple(dt.date.fromisoformat(w.text or "") for w in a.iterfind("SEMAINES/DATE_DEBUT_SEMAINE")),
            )
            for a in donnees.iterfind("ALTERNANCES/ALTERNANCE")
        ),
        rooms=tuple(_attr(s, "CODE") for s in donnees.iterfind("SALLES_COURS/SALLE_COURS")),
        teachers=tuple(_attr(i, "ID") for i in donnees.iterfind("INDIVIDUS/INDIVIDU")),
        divisions=tuple(_structure(d) for d in donnees.iterfind("STRUCTURE/DIVISIONS/DIVISION")),
        groups=tuple(_structure(g) for g in donnees.iterfind("STRUCTURE/GROUPES/GROUPE")),
    )


def _structure(element: etree._Element) -> Structure:
    headcount = element.findtext("EFFECTIF_PREVU")
    return Structure(
        code=_attr(element, "CODE"),
        services=tuple(_service(s) for s in element.iterfind("SERVICES/SERVICE")),
        label=_text(element, "LIBELLE_LONG"),
        headcount=int(headcount) if headcount is not None else None,
        divisions=tuple(
            GroupLink(_attr(d, "CODE"), int(_text(d, "EFFECTIF_PREVU")))
            for d in element.iterfind("DIVISIONS_APPARTENANCE/DIVISION_APPARTENANCE")
        ),
    )


def _service(element: etree._Element) -> Service:
    return Service(
        _attr(element, "CODE_MATIERE"),
        _attr(element, "CODE_MOD_COURS"),
        tuple(
            TeacherCourses(
                _attr(t, "ID"), _attr(t, "TYPE"), tuple(_course(c) for c in t.iterfind("COURS_RATTACHES/COURS"))
            )
            for t in element.iterfind("ENSEIGNANTS/ENSEIGNANT")
        ),
    )


def _course(element: etree._Element) -> Course:
    return Course(
        _text(element, "CODE_ALTERNANCE"),
        int(_text(element, "JOUR")),
        _minutes(_text(element, "HEURE_DEBUT")),
        _minutes(_text(element, "DUREE")),
        _text(element, "CODE_SALLE"),
    )


def read_import_eleves(data: bytes) -> StudentGroupsExport:
    root = _root(data, "IMPORT_ELEVES")
    parameters = _child(root, "PARAMETRES")
    return StudentGroupsExport(
        uai=_text(parameters, "UAJ"),
        school_year=int(_text(parameters, "ANNEE_SCOLAIRE")),
        export_date=dt.datetime.strptime(_text(parameters, "DATE_IMPORT"), "%d/%m/%Y").date(),
        send_number=int(_text(parameters, "NUM_ENVOI")),
        application=_text(parameters, "LOGICIEL"),
        pupils=tuple(_pupil(e) for e in root.iterfind("DONNEES/ELEVES/ELEVE")),
    )


def _pupil(element: etree._Element) -> PupilGroups:
    birth = _text(element, "DATE_NAISS")
    return PupilGroups(
        _text(element, "ELEVE_ID"),
        _text(element, "NOM"),
        _text(element, "PRENOM"),
        dt.date.fromisoformat(birth) if birth else None,
        tuple(
            Membership(
                _text(g, "CODE_GROUPE"),
                dt.date.fromisoformat(_text(g, "DATE_DEBUT_GROUPE")),
                dt.date.fromisoformat(_text(g, "DATE_FIN_GROUPE")),
            )
            for g in element.iterfind("GROUPES/GROUPE")
        ),
    )
