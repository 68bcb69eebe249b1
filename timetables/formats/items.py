"""The record elements of ``STS_EDT`` below PARAMETRES: nomenclatures, teachers, divisions and groups.

A record with a missing or oversized key is skipped with an error; a duplicate key keeps the first one.
Unreadable optional values (a date, a number of hours) are dropped with a warning, the record is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from siecle.formats.records import Mef, Subject
from siecle.formats.xmlstream import Element, attribute, clean, tag_of
from timetables.formats.fields import hours, iso_date, text, valid_code, valid_sts_id
from timetables.formats.records import (
    CourseModality,
    Discipline,
    Division,
    Group,
    Service,
    ServiceTeacher,
    StsExport,
    Teacher,
)

TEACHER_KINDS = ("epp", "local")


class ItemReader:
    def __init__(self, export: StsExport):
        self.export = export
        self.report = export.report
        self._handlers: dict[str, Callable[[Element], None]] = {
            "MOD_COURS": self._modality,
            "MATIERE": self._subject,
            "MEF": self._mef,
            "INDIVIDU": self._teacher,
            "DIVISION": self._division,
            "GROUPE": self._group,
        }

    def handle(self, element: Element) -> None:
        self._handlers[element.tag](element)  # type: ignore[index]

    def finish(self) -> None:
        """Checks that need the whole file: services naming unknown teachers, groups of unknown divisions."""
        structures: list[Division | Group] = [*self.export.divisions.values(), *self.export.groups.values()]
        for structure in structures:
            for service in structure.services:
                self._check_service_teachers(structure.code, service)
        for group in self.export.groups.values():
            for code in group.division_codes:
                if code not in self.export.divisions:
                    self.report.warning(
                        "UNKNOWN_DIVISION", f"Groupe « {group.code} » : division « {code} » absente du fichier."
                    )

    def _check_service_teachers(self, structure: str, service: Service) -> None:
        for teacher in service.teachers:
            if teacher.sts_id not in self.export.teachers:
                self.report.warning(
                    "UNKNOWN_TEACHER",
                    f"Service {service.subject_code} de « {structure} » : enseignant {teacher.sts_id} absent des "
                    "individus du fichier, ignoré.",
                )

    # -- nomenclatures -------------------------------------------------------------------------------

    def _modality(self, element: Element) -> None:
        code = self._key(element, "CODE", "MOD_COURS", "modalité de cours")
        if code is not None and self._new(self.export.modalities, code, element, "Modalité de cours"):
            self.export.modalities[code] = CourseModality(
                code, text(element, "LIBELLE_COURT"), text(element, "LIBELLE_LONG")
            )

    def _subject(self, element: Element) -> None:
        code = self._key(element, "CODE", "MATIERE", "matière")
        if code is not None and self._new(self.export.subjects, code, element, "Matière"):
            self.export.subjects[code] = Subject(
                code,
                management_code=(text(element, "CODE_GESTION") or "")[:20] or None,
                short_label=(text(element, "LIBELLE_COURT") or "")[:100] or None,
                long_label=text(element, "LIBELLE_LONG"),
                edition_label=text(element, "LIBELLE_EDITION"),
            )

    def _mef(self, element: Element) -> None:
        code = self._key(element, "CODE", "MEF", "MEF")
        if code is not None and self._new(self.export.mefs, code, element, "MEF"):
            self.export.mefs[code] = Mef(
                code,
                formation=(text(element, "FORMATION") or "")[:100] or None,
                speciality=(text(element, "SPECIALITE") or "")[:100] or None,
                long_label=text(element, "LIBELLE_LONG"),
                edition_label=text(element, "LIBELLE_EDITION"),
            )

    # -- teachers --------------------------------------------------------------------------------------

    def _teacher(self, element: Element) -> None:
        sts_id = attribute(element, "ID")
        if not valid_sts_id(sts_id):
            self.report.error("INVALID_TEACHER_ID", f"INDIVIDU d'identifiant « {sts_id or ''} » illisible : ignoré.")
            return
        assert sts_id is not None
        if not self._new(self.export.teachers, sts_id, element, "Individu"):
            return
        kind = (attribute(element, "TYPE") or "").lower()
        if kind not in TEACHER_KINDS:
            self.report.warning("UNKNOWN_TEACHER_TYPE", f"Individu {sts_id} : type « {kind} » inconnu, lu « local ».")
            kind = "local"
        self.export.teachers[sts_id] = Teacher(
            sts_id=sts_id,
            kind=kind,
            last_name=(text(element, "NOM_USAGE") or text(element, "NOM_PATRONYMIQUE") or f"INDIVIDU {sts_id}")[:100],
            first_name=(text(element, "PRENOM") or "")[:100] or None,
            birth_name=(text(element, "NOM_PATRONYMIQUE") or "")[:100] or None,
            sex=(text(element, "SEXE") or "")[:1] or None,
            civility=(text(element, "CIVILITE") or "")[:1] or None,
            birth_date=self._date(element, "DATE_NAISSANCE", f"Individu {sts_id}"),
            grade=(text(element, "GRADE") or "")[:40] or None,
            function=(text(element, "FONCTION") or "")[:20] or None,
            disciplines=tuple(self._disciplines(element, sts_id)),
        )

    def _disciplines(self, element: Element, sts_id: str) -> list[Discipline]:
        found = []
        for item in element.iterfind("DISCIPLINES/DISCIPLINE"):
            code = attribute(item, "CODE")
            if valid_code(code, "DISCIPLINE"):
                assert code is not None
                nb = self._hours(item, "NB_HEURES", f"Individu {sts_id}, discipline {code}")
                found.append(Discipline(code, text(item, "LIBELLE_COURT"), nb))
        return found

    # -- structures ----------------------------------------------------------------------------------

    def _division(self, element: Element) -> None:
        code = self._key(element, "CODE", "STRUCTURE", "division")
        if code is not None and self._new_structure(code, element):
            self.export.divisions[code] = Division(
                code, text(element, "LIBELLE_LONG"), _mef_codes(element), self._services(element, code)
            )

    def _group(self, element: Element) -> None:
        code = self._key(element, "CODE", "STRUCTURE", "groupe")
        if code is None or not self._new_structure(code, element):
            return
        parents = cast(  # valid_code refuses a missing code
            tuple[str, ...],
            tuple(
                dict.fromkeys(
                    parent_code
                    for parent in element.iterfind("DIVISIONS_APPARTENANCE/DIVISION_APPARTENANCE")
                    if valid_code(parent_code := attribute(parent, "CODE"), "STRUCTURE")
                )
            ),
        )
        self.export.groups[code] = Group(
            code,
            text(element, "LIBELLE_LONG"),
            _mef_codes(element),
            parents,
            self._services(element, code),
        )

    def _new_structure(self, code: str, element: Element) -> bool:
        if code in self.export.divisions or code in self.export.groups:
            self.report.error(
                "DUPLICATE_STRUCTURE",
                f"Structure « {code} » présente deux fois : seconde occurrence ignorée.",
                line=element.sourceline,
            )
            return False
        return True

    def _services(self, element: Element, structure: str) -> tuple[Service, ...]:
        services: dict[tuple[str, str], Service] = {}
        for item in element.iterfind("SERVICES/SERVICE"):
            subject = attribute(item, "CODE_MATIERE")
            modality = attribute(item, "CODE_MOD_COURS") or "CG"
            where = f"Service de « {structure} »"
            if not valid_code(subject, "MATIERE") or not valid_code(modality, "MOD_COURS"):
                self.report.error("INVALID_SERVICE", f"{where} sans matière lisible : ignoré.", line=item.sourceline)
                continue
            assert subject is not None
            if (subject, modality) in services:
                self.report.warning("DUPLICATE_SERVICE", f"{where} en {subject} ({modality}) répété : fusionné.")
            teachers = tuple(self._service_teachers(item, f"{where} en {subject}"))
            previous = services.get((subject, modality))
            merged = (*previous.teachers, *teachers) if previous else teachers
            structure_hours = self._hours(item, "HEURES_STRUCTURE", where)
            services[(subject, modality)] = Service(subject, modality, structure_hours, merged)
        return tuple(services.values())

    def _service_teachers(self, service: Element, where: str) -> list[ServiceTeacher]:
        teachers: dict[str, ServiceTeacher] = {}
        for item in service.iterfind("ENSEIGNANTS/ENSEIGNANT"):
            sts_id = attribute(item, "ID")
            if not valid_sts_id(sts_id):
                self.report.warning("INVALID_TEACHER_ID", f"{where} : enseignant « {sts_id or ''} » illisible.")
                continue
            assert sts_id is not None
            teachers[sts_id] = ServiceTeacher(sts_id, attribute(item, "TYPE"), self._hours(item, "HEURES_AGENT", where))
        return list(teachers.values())

    # -- helpers ---------------------------------------------------------------------------------------

    def _key(self, element: Element, name: str, kind: str, label: str) -> str | None:
        code = attribute(element, name)
        if valid_code(code, kind):
            return code
        problem = "sans code" if not code else f"au code « {code[:60]} » trop long"
        self.report.error(
            "INVALID_CODE", f"Élément {tag_of(element)} ({label}) {problem} : ignoré.", line=element.sourceline
        )
        return None

    def _new(self, table: dict[str, Any], key: str, element: Element, label: str) -> bool:
        if key in table:
            self.report.error(
                "DUPLICATE",
                f"{label} « {key} » présent deux fois : seconde occurrence ignorée.",
                line=element.sourceline,
            )
            return False
        return True

    def _date(self, element: Element, tag: str, where: str) -> Any:
        raw = clean(element.findtext(tag))
        try:
            return iso_date(raw)
        except ValueError:
            self.report.warning("INVALID_DATE", f"{where} : {tag} « {raw[:40] if raw else ''} » illisible, ignoré.")
            return None

    def _hours(self, element: Element, tag: str, where: str) -> Any:
        raw = clean(element.findtext(tag))
        try:
            return hours(raw)
        except ValueError:
            self.report.warning("INVALID_HOURS", f"{where} : {tag} « {raw[:40] if raw else ''} » illisible, ignoré.")
            return None


def _mef_codes(element: Element) -> tuple[str, ...]:
    codes = (attribute(item, "CODE") for item in element.iterfind("MEFS_APPARTENANCE/MEF_APPARTENANCE"))
    return tuple(dict.fromkeys(code for code in codes if valid_code(code, "MEF")))  # type: ignore[misc]
