"""Pre-export checks. Each finding is a blocking error or a warning, says in French what is wrong with
the object's name, and links to the page that fixes it; whatever the file leaves out is listed here
(``excluded``), never dropped silently.

The overlap and opening-hours rules are the timetables app's (``timetables.selectors.conflicts``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from django.urls import reverse

from exports.formats.text import EDT_STS_ENCODING, IMPORT_ELEVES_ENCODING, unwritable_characters
from exports.snapshot import CourseRow, Snapshot
from exports.targets import Target, year_label
from timetables.conflicts import DAY_NAMES
from timetables.selectors import conflicts as timetable_conflicts

ERROR, WARNING = "error", "warning"
SUBJECT_CODE = re.compile(r"^[0-9A-Z]{6}$")  # the national subject code: 6 characters
NUMERIC_ID = re.compile(r"^\d{1,20}$")
WEEK = dt.timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Finding:
    level: str  # error (blocks the export) | warning (can be accepted)
    code: str  # stable name of the check, for tests and logs
    message: str
    url: str  # the page that fixes it
    link_label: str
    excluded: bool = False  # the object is left out of the file

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.level == WARNING]

    @property
    def blocked(self) -> bool:
        return bool(self.errors)

    def as_dict(self) -> dict[str, list[dict[str, object]]]:
        return {"errors": [f.as_dict() for f in self.errors], "warnings": [f.as_dict() for f in self.warnings]}


class Links:
    """The fixing pages of one establishment; each URL pattern is reversed once (thousands of findings)."""

    def __init__(self, uai: str) -> None:
        self.uai = uai
        self._patterns: dict[tuple[str, str | None], str] = {}

    def __call__(self, name: str, **kwargs: uuid.UUID) -> str:
        (key, value), *_ = kwargs.items() if kwargs else [(None, None)]
        pattern = self._patterns.get((name, key))
        if pattern is None:
            pattern = reverse(name, kwargs={"uai": self.uai, **({key: _PLACEHOLDER} if key else {})})
            self._patterns[(name, key)] = pattern
        return pattern.replace(str(_PLACEHOLDER), str(value)) if key else pattern


_PLACEHOLDER = uuid.UUID(int=0)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}h{minutes % 60:02d}"


def course_label(snapshot: Snapshot, course: CourseRow) -> str:
    subject = snapshot.subjects.get(course.subject_id)
    name = (subject.label or subject.code) if subject else "?"
    return f"{name} du {DAY_NAMES.get(course.weekday, '?')} {_clock(course.start)}"


def course_exclusion(snapshot: Snapshot, course: CourseRow) -> str:
    """Why a course cannot be written to EDT_STS (empty when it can)."""
    if not course.teachers:
        return "sans enseignant"
    if not course.divisions and not course.groups:
        return "sans division ni groupe"
    if not snapshot.week_patterns.get(course.week_pattern_id, ("", "", ()))[2]:
        return "sur une alternance sans aucune semaine"
    return ""


def run_checks(snapshot: Snapshot, target: str) -> CheckReport:
    links = Links(snapshot.establishment.uai)
    if target == Target.SIECLE_BEE:
        findings = [*_pupil_checks(snapshot, links), *_group_parent_checks(snapshot, links, ERROR)]
    else:
        findings = list(_timetable_checks(snapshot, links, target))
    order = {ERROR: 0, WARNING: 1}
    return CheckReport(tuple(sorted(findings, key=lambda f: (order[f.level], f.code, f.message))))


def _timetable_checks(snapshot: Snapshot, links: Links, target: str) -> Iterator[Finding]:
    strict = ERROR if target == Target.VIE_ETABLISSEMENT else WARNING
    yield from _sts_data_checks(snapshot, links, target)
    yield from _subject_checks(snapshot, links)
    yield from _teacher_checks(snapshot, links)
    yield from _group_parent_checks(snapshot, links, WARNING)
    yield from _unknown_structure_checks(snapshot, links)
    yield from _unplaced_course_checks(snapshot, links)
    yield from _week_pattern_checks(snapshot, links)
    yield from _conflict_checks(snapshot, links, strict)
    yield from _encoding_checks(snapshot, links)


def _used_subjects(snapshot: Snapshot) -> set[uuid.UUID]:
    return {course.subject_id for course in snapshot.courses} | {row[1] for row in snapshot.services}


def _used_teachers(snapshot: Snapshot) -> set[uuid.UUID]:
    return {t for course in snapshot.courses for t in course.teachers} | {row[0] for row in snapshot.services}


def _sts_data_checks(snapshot: Snapshot, links: Links, target: str) -> Iterator[Finding]:
    if snapshot.school_year in snapshot.sts_years:
        return
    level = ERROR if target == Target.STS_WEB else WARNING
    wanted = year_label(snapshot.school_year)
    if snapshot.sts_years:
        found = ", ".join(year_label(year) for year in snapshot.sts_years)
        message = (
            f"Les données STS-Web importées pour {snapshot.establishment.uai} concernent l'année {found}, "
            f"pas {wanted} : importez le fichier STS-Web de {wanted}."
        )
    else:
        message = f"Aucune donnée STS-Web n'a été importée pour {snapshot.establishment.uai} en {wanted}."
    yield Finding(level, "sts_data", message, links("timetables:index"), "Emploi du temps")


def _subject_checks(snapshot: Snapshot, links: Links) -> Iterator[Finding]:
    for subject_id in sorted(_used_subjects(snapshot), key=str):
        subject = snapshot.subjects[subject_id]
        if not SUBJECT_CODE.match(subject.code):
            yield Finding(
                ERROR,
                "subject_code",
                f"La matière « {subject.label or subject.code} » n'a pas de code national à 6 caractères "
                f"(code actuel : « {subject.code} »).",
                links("timetables:subjects"),
                "Matières",
            )


def _teacher_checks(snapshot: Snapshot, links: Links) -> Iterator[Finding]:
    for teacher_id in sorted(_used_teachers(snapshot), key=str):
        teacher = snapshot.teachers[teacher_id]
        if not NUMERIC_ID.match(teacher.code):
            yield Finding(
                ERROR,
                "teacher_sts_id",
                f"L'enseignant {teacher.label} n'a pas d'identifiant STS : ses cours ne peuvent pas être envoyés.",
                links("timetables:teacher", teacher_id=teacher_id),
                "Enseignant",
            )


def _group_parent_checks(snapshot: Snapshot, links: Links, level: str) -> Iterator[Finding]:
    for group in sorted(snapshot.groups.values(), key=lambda g: g.code):
        if not snapshot.group_parents.get(group.id):
            yield Finding(
                level,
                "group_parent",
                f"Le groupe « {group.code} » n'est rattaché à aucune division.",
                links("siecle:structure", structure_id=group.id),
                "Structure",
            )


def _unknown_structure_checks(snapshot: Snapshot, links: Links) -> Iterator[Finding]:
    # SIECLE and STS-Web divisions always carry a MEF: one without any was not received from them.
    for division in sorted(snapshot.divisions.values(), key=lambda d: d.code):
        if not division.extra:
            yield Finding(
                WARNING,
                "unknown_structure",
                f"La division « {division.code} » n'a aucun MEF : elle semble inconnue de STS-Web et de SIECLE.",
                links("siecle:structure", structure_id=division.id),
                "Structure",
            )


def _unplaced_course_checks(snapshot: Snapshot, links: Links) -> Iterator[Finding]:
    for course in snapshot.courses:
        reason = course_exclusion(snapshot, course)
        if reason:
            yield Finding(
                WARNING,
                "unplaced_course",
                f"Cours de {course_label(snapshot, course)} {reason} : il n'est pas exporté.",
                links("timetables:course", course_id=course.id),
                "Cours",
                excluded=True,
            )


def _week_pattern_checks(snapshot: Snapshot, links: Links) -> Iterator[Finding]:
    url = links("timetables:week_patterns")
    for code, label, weeks in sorted(snapshot.week_patterns.values()):
        if not weeks:
            message = f"L'alternance « {label} » ({code}) n'a aucune semaine : elle n'est pas exportée."
            yield Finding(WARNING, "empty_week_pattern", message, url, "Alternances", excluded=True)
        outside = [w for w in weeks if w.weekday() != 0 or not snapshot.first_day <= w + WEEK or w > snapshot.last_day]
        if outside:
            dates = ", ".join(f"{w:%d/%m/%Y}" for w in outside[:5])
            yield Finding(
                ERROR,
                "week_outside_year",
                f"L'alternance « {label} » ({code}) a des semaines hors de l'année scolaire "
                f"{year_label(snapshot.school_year)} ou qui ne commencent pas un lundi : {dates}.",
                url,
                "Alternances",
            )


def _conflict_checks(snapshot: Snapshot, links: Links, level: str) -> Iterator[Finding]:
    found = timetable_conflicts(establishment=snapshot.establishment, school_year=snapshot.school_year)
    for conflict in found:
        if conflict.kind in ("teacher", "room", "structure", "hours"):
            code = "opening_hours" if conflict.kind == "hours" else f"overlap_{conflict.kind}"
            url = links("timetables:course", course_id=conflict.course_ids[0])
            yield Finding(level, code, conflict.message, url, "Cours")


def _encoding_checks(snapshot: Snapshot, links: Links) -> Iterator[Finding]:
    values = [
        *((f"la division « {d.code} »", d.code, links("siecle:structure", structure_id=d.id)) for d in snapshot.divisions.values()),
        *((f"le groupe « {g.code} »", f"{g.code}{g.label}", links("siecle:structure", structure_id=g.id)) for g in snapshot.groups.values()),
        *((f"la salle « {code} »", code, links("timetables:rooms")) for code in snapshot.rooms.values()),
        *((f"l'alternance « {code} »", f"{code}{label}", links("timetables:week_patterns")) for code, label, _w in snapshot.week_patterns.values()),
    ]  # fmt: skip
    for what, value, url in sorted(values):
        bad = unwritable_characters(value, EDT_STS_ENCODING)
        if bad:
            yield Finding(
                ERROR,
                "encoding",
                f"Le nom de {what} contient des caractères que le fichier (ISO-8859-15) ne peut pas contenir : "
                f"« {bad} ». Remplacez-les.",
                url,
                "Corriger",
            )


def _pupil_checks(snapshot: Snapshot, links: Links) -> Iterator[Finding]:
    groups, parents = snapshot.groups, snapshot.group_parents
    for pupil in sorted(snapshot.pupils.values(), key=lambda p: (p.last_name, p.first_name, p.eleve_id)):
        memberships = snapshot.pupil_groups.get(pupil.id, set())
        if not memberships:
            continue
        url = links("siecle:student", student_id=pupil.id)
        name = f"{pupil.last_name} {pupil.first_name}".strip()
        if not NUMERIC_ID.match(pupil.eleve_id):
            yield Finding(ERROR, "eleve_id", f"L'élève {name} n'a pas d'identifiant SIECLE (ELEVE_ID).", url, "Élève")
        bad = unwritable_characters(name, IMPORT_ELEVES_ENCODING)
        if bad:
            yield Finding(
                ERROR, "encoding", f"Le nom de l'élève {name} contient des caractères interdits.", url, "Élève"
            )
        divisions = snapshot.pupil_divisions.get(pupil.id, set())
        for group_id in sorted(memberships, key=lambda g: groups[g].code):
            group_parents = parents.get(group_id, set())
            if group_parents and not group_parents & divisions:
                yield Finding(
                    ERROR,
                    "pupil_group_division",
                    f"L'élève {name} est dans le groupe « {groups[group_id].code} », qui n'est rattaché à "
                    "aucune de ses divisions.",
                    url,
                    "Élève",
                )
