"""Typed records of the STS-Web ``sts_emp`` export (root ``STS_EDT``, FORMATS-MINISTRY-EXPORTS.md §1).

Subjects and MEFs reuse the SIECLE records (``siecle.formats.records``): one meaning, one type. Codes and
ids are ``str`` (``INDIVIDU@ID`` is an integer in practice, but only ever compared); hours are ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from siecle.formats.issues import Report
from siecle.formats.records import Mef, Subject


@dataclass(frozen=True, slots=True)
class StsHeader:
    """PARAMETRES: ``year`` is ANNEE_SCOLAIRE@ANNEE, the first year (2026 = 2026-2027)."""

    uai: str
    year: int
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class CourseModality:
    """MODS_COURS/MOD_COURS: the course modality a service is taught under (``CG``: cours général)."""

    code: str
    short_label: str | None = None
    long_label: str | None = None


@dataclass(frozen=True, slots=True)
class Discipline:
    code: str
    label: str | None = None
    hours: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Teacher:
    """INDIVIDUS/INDIVIDU: ``sts_id`` is INDIVIDU@ID, the key every service and the EDT_STS upload use."""

    sts_id: str
    kind: str  # epp | local
    last_name: str  # NOM_USAGE
    first_name: str | None = None
    birth_name: str | None = None  # NOM_PATRONYMIQUE
    sex: str | None = None
    civility: str | None = None  # 1 M., 2 Mme, 3 Mlle
    birth_date: dt.date | None = None
    grade: str | None = None
    function: str | None = None
    disciplines: tuple[Discipline, ...] = ()


@dataclass(frozen=True, slots=True)
class ServiceTeacher:
    sts_id: str
    kind: str | None = None
    hours: Decimal | None = None  # HEURES_AGENT


@dataclass(frozen=True, slots=True)
class Service:
    """SERVICES/SERVICE of a division or a group: a subject taught to it, by its teachers."""

    subject_code: str
    modality_code: str
    structure_hours: Decimal | None = None  # HEURES_STRUCTURE
    teachers: tuple[ServiceTeacher, ...] = ()


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    label: str | None = None
    mef_codes: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    label: str | None = None
    mef_codes: tuple[str, ...] = ()
    division_codes: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()


@dataclass(slots=True)
class StsExport:
    """A whole ``sts_emp`` file; dictionaries are keyed by code or ``sts_id`` in document order."""

    header: StsHeader
    encoding: str = "UTF-8"
    report: Report = field(default_factory=Report)
    modalities: dict[str, CourseModality] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    mefs: dict[str, Mef] = field(default_factory=dict)
    teachers: dict[str, Teacher] = field(default_factory=dict)
    divisions: dict[str, Division] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    @property
    def service_count(self) -> int:
        in_divisions = sum(len(division.services) for division in self.divisions.values())
        return in_divisions + sum(len(group.services) for group in self.groups.values())
