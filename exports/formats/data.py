"""The plain data the writers take and the readers give back (frozen, comparable, hashable)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OpeningDay:
    """``HORAIRE``: a weekday (1 = Monday … 7 = Sunday) with its first and last minute of courses."""

    weekday: int
    opens: int  # minutes from midnight
    closes: int


@dataclass(frozen=True, slots=True)
class WeekPattern:
    """``ALTERNANCE``: the explicit Mondays a course takes place, holidays already removed."""

    code: str
    short_label: str
    long_label: str
    weeks: tuple[dt.date, ...]


@dataclass(frozen=True, slots=True)
class Course:
    """``COURS``: one weekly course of a teacher in a service."""

    week_pattern: str  # WeekPattern.code
    weekday: int
    start: int  # minutes from midnight
    duration: int  # minutes
    room: str = ""  # SALLE_COURS@CODE, empty when none


@dataclass(frozen=True, slots=True)
class TeacherCourses:
    """``ENSEIGNANT``: the STS identifier (``INDIVIDU@ID``) and the courses attached to that service."""

    sts_id: str
    kind: str  # epp | local
    courses: tuple[Course, ...] = ()


@dataclass(frozen=True, slots=True)
class Service:
    """``SERVICE``: a subject (6-character national code) and course modality in one structure."""

    subject_code: str
    modality_code: str
    teachers: tuple[TeacherCourses, ...]


@dataclass(frozen=True, slots=True)
class GroupLink:
    """``DIVISION_APPARTENANCE``: a group's parent division and how many of its pupils come from it."""

    division: str
    headcount: int


@dataclass(frozen=True, slots=True)
class Structure:
    """``DIVISION`` or ``GROUPE`` with its services; ``label``, ``headcount``, ``divisions`` for groups."""

    code: str
    services: tuple[Service, ...]
    label: str = ""
    headcount: int | None = None
    divisions: tuple[GroupLink, ...] = ()


@dataclass(frozen=True, slots=True)
class Timetable:
    """Everything ``EDT_STS`` carries, already sorted: the writer never reorders."""

    uai: str
    school_year: int  # first year: 2026 = 2026-2027
    application: str
    opening: tuple[OpeningDay, ...]
    week_patterns: tuple[WeekPattern, ...]
    rooms: tuple[str, ...]
    teachers: tuple[str, ...]  # INDIVIDU@ID
    divisions: tuple[Structure, ...]
    groups: tuple[Structure, ...]


@dataclass(frozen=True, slots=True)
class Membership:
    """``GROUPE`` of a pupil: the SIECLE group code and the dates of the membership."""

    group_code: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class PupilGroups:
    """``ELEVE``: the SIECLE ``ELEVE_ID`` (never an internal id) and the pupil's groups."""

    eleve_id: str
    last_name: str
    first_name: str
    birth_date: dt.date | None
    groups: tuple[Membership, ...]


@dataclass(frozen=True, slots=True)
class StudentGroupsExport:
    """Everything ``IMPORT_ELEVES`` carries."""

    uai: str
    school_year: int
    export_date: dt.date  # DATE_IMPORT: the only thing that changes between two runs on the same data
    send_number: int  # NUM_ENVOI
    application: str
    pupils: tuple[PupilGroups, ...]
