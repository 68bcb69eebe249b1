"""Writes an ``sts_emp`` export (root ``STS_EDT``, FORMATS-MINISTRY-EXPORTS.md §1.6) from a timetable plan.

The services carry the plan's hours (HEURES_AGENT per teacher), so an import of this file followed by the
plan's courses gives services whose computed hours match STS. Pure Python: no Django here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lxml import etree

from timetables.formats.generator.plan import StructureShape, TimetablePlan

Element = etree._Element


def sts_emp_xml(plan: TimetablePlan, *, encoding: str = "ISO-8859-15", name: str = "COLLEGE EXEMPLE") -> bytes:
    root = etree.Element("STS_EDT")
    _parameters(root, plan, name)
    _nomenclatures(root, plan)
    data = etree.SubElement(root, "DONNEES")
    _teachers(data, plan)
    _structure(data, plan)
    return etree.tostring(root, xml_declaration=True, encoding=encoding, pretty_print=True)


def sts_file_name(uai: str, year: int) -> str:
    return f"sts_emp_{uai}_{year}.xml"


def _sub(parent: Element, tag: str, text: str | None = None, **attributes: str) -> Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _parameters(root: Element, plan: TimetablePlan, name: str) -> None:
    parameters = _sub(root, "PARAMETRES")
    uaj = _sub(parameters, "UAJ", CODE=plan.shape.uai)
    _sub(uaj, "DENOM_PRINC", name)
    year = _sub(parameters, "ANNEE_SCOLAIRE", ANNEE=str(plan.shape.year))
    _sub(year, "DATE_DEBUT", dt.date(plan.shape.year, 9, 1).isoformat())
    _sub(year, "DATE_FIN", dt.date(plan.shape.year + 1, 7, 4).isoformat())


def _nomenclatures(root: Element, plan: TimetablePlan) -> None:
    nomenclatures = _sub(root, "NOMENCLATURES")
    modality = _sub(_sub(nomenclatures, "MODS_COURS"), "MOD_COURS", CODE="CG")
    _sub(modality, "LIBELLE_COURT", "COURS")
    _sub(modality, "LIBELLE_LONG", "COURS GENERAL")
    subjects = _sub(nomenclatures, "MATIERES")
    for code, (management, short, long) in plan.shape.subjects.items():
        subject = _sub(subjects, "MATIERE", CODE=code)
        _sub(subject, "CODE_GESTION", management)
        _sub(subject, "LIBELLE_COURT", short)
        _sub(subject, "LIBELLE_LONG", long)
    mefs = _sub(nomenclatures, "MEFS")
    for code in dict.fromkeys(code for division in plan.shape.divisions for code in division.mef_codes):
        _sub(_sub(mefs, "MEF", CODE=code), "LIBELLE_LONG", f"MEF {code}")


def _teachers(data: Element, plan: TimetablePlan) -> None:
    individuals = _sub(data, "INDIVIDUS")
    for teacher in plan.teachers:
        item = _sub(individuals, "INDIVIDU", ID=teacher.sts_id, TYPE="epp")
        _sub(item, "SEXE", teacher.civility)
        _sub(item, "CIVILITE", teacher.civility)
        _sub(item, "NOM_USAGE", teacher.last_name)
        _sub(item, "NOM_PATRONYMIQUE", teacher.last_name)
        _sub(item, "PRENOM", teacher.first_name)
        _sub(item, "GRADE", teacher.grade)
        _sub(item, "FONCTION", "ENS")
        discipline = _sub(_sub(item, "DISCIPLINES"), "DISCIPLINE", CODE=f"L{teacher.subject_code[:4]}")
        _sub(discipline, "LIBELLE_COURT", plan.shape.subjects[teacher.subject_code][1])
        _sub(discipline, "NB_HEURES", f"{plan.shape.max_teacher_hours}.00")


def _structure(data: Element, plan: TimetablePlan) -> None:
    hours = plan.service_hours()
    structure = _sub(data, "STRUCTURE")
    divisions = _sub(structure, "DIVISIONS")
    for division in plan.shape.divisions:
        item = _sub(divisions, "DIVISION", CODE=division.code)
        _sub(item, "LIBELLE_LONG", division.label)
        _mefs(item, division)
        _services(item, division.code, hours)
    groups = _sub(structure, "GROUPES")
    for group in plan.groups:
        item = _sub(groups, "GROUPE", CODE=group.code)
        _sub(item, "LIBELLE_LONG", group.label)
        parents = _sub(item, "DIVISIONS_APPARTENANCE")
        for code in group.parents:
            _sub(parents, "DIVISION_APPARTENANCE", CODE=code)
        _mefs(item, group)
        _services(item, group.code, hours)


def _mefs(item: Element, structure: StructureShape) -> None:
    if structure.mef_codes:
        mefs = _sub(item, "MEFS_APPARTENANCE")
        for code in structure.mef_codes:
            _sub(mefs, "MEF_APPARTENANCE", CODE=code)


def _services(item: Element, code: str, hours: dict[tuple[str, str, str], Decimal]) -> None:
    services = _sub(item, "SERVICES")
    by_subject: dict[str, list[tuple[str, Decimal]]] = {}
    for (structure, subject, teacher), value in hours.items():
        if structure == code:
            by_subject.setdefault(subject, []).append((teacher, value))
    for subject, teachers in by_subject.items():
        service = _sub(services, "SERVICE", CODE_MATIERE=subject, CODE_MOD_COURS="CG")
        _sub(service, "HEURES_STRUCTURE", f"{sum(value for _, value in teachers):.2f}")
        holders = _sub(service, "ENSEIGNANTS")
        for teacher, value in teachers:
            _sub(_sub(holders, "ENSEIGNANT", ID=teacher, TYPE="epp"), "HEURES_AGENT", f"{value:.2f}")
