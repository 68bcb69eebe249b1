"""From the snapshot to the writers' plain data, and to the bytes of each export.

Sorted everywhere (codes, identifiers, times): the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from exports.checks import course_exclusion
from exports.formats import (
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
    write_edt_sts,
    write_import_eleves,
    write_vie_etablissement,
)
from exports.snapshot import Snapshot
from exports.targets import APPLICATION, Target

ServiceKey = tuple[uuid.UUID, str, str]  # structure, subject code, modality


def _id_order(sts_id: str) -> tuple[int, str]:
    return (len(sts_id), sts_id)  # numeric identifiers in numeric order


def _course_order(course: Course) -> tuple[int, int, int, str, str]:
    return (course.weekday, course.start, course.duration, course.week_pattern, course.room)


def _services(snapshot: Snapshot) -> dict[ServiceKey, dict[uuid.UUID, list[Course]]]:
    services: dict[ServiceKey, dict[uuid.UUID, list[Course]]] = defaultdict(lambda: defaultdict(list))
    for teacher_id, subject_id, division_id, group_id, modality in snapshot.services:
        structure_id = division_id or group_id
        if structure_id is None:  # the database forbids it (one structure per service)
            continue
        key = (structure_id, snapshot.subjects[subject_id].code, modality)
        services[key].setdefault(teacher_id, [])  # an STS service with no course yet still names its teacher
    for row in snapshot.courses:
        if course_exclusion(snapshot, row):
            continue
        pattern_code = snapshot.week_patterns[row.week_pattern_id][0]
        course = Course(
            pattern_code,
            row.weekday,
            row.start,
            row.duration,
            snapshot.rooms.get(row.room_id, "") if row.room_id else "",
        )
        for structure_id in (*row.divisions, *row.groups):
            key = (structure_id, snapshot.subjects[row.subject_id].code, row.modality_code)
            for teacher_id in row.teachers:
                services[key][teacher_id].append(course)
    return services


def _by_structure(services: dict[ServiceKey, dict[uuid.UUID, list[Course]]]) -> dict[uuid.UUID, list[tuple]]:
    grouped: dict[uuid.UUID, list] = defaultdict(list)
    for (owner, subject_code, modality), by_teacher in services.items():
        grouped[owner].append((subject_code, modality, by_teacher))
    return grouped


def _structure_services(snapshot: Snapshot, services: dict, structure_id: uuid.UUID) -> tuple[Service, ...]:
    found = []
    for subject_code, modality, by_teacher in services.get(structure_id, ()):
        teachers = sorted(
            (
                TeacherCourses(
                    snapshot.teachers[t].code, snapshot.teachers[t].extra, tuple(sorted(c, key=_course_order))
                )
                for t, c in by_teacher.items()
            ),
            key=lambda teacher: _id_order(teacher.sts_id),
        )
        found.append(Service(subject_code, modality, tuple(teachers)))
    return tuple(sorted(found, key=lambda s: (s.subject_code, s.modality_code)))


def _group_members(snapshot: Snapshot) -> dict[uuid.UUID, list[uuid.UUID]]:
    members: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for pupil, groups in snapshot.pupil_groups.items():
        if pupil in snapshot.pupils:
            for group in groups:
                members[group].append(pupil)
    return members


def _group_links(snapshot: Snapshot, members: list[uuid.UUID], group_id: uuid.UUID) -> tuple[GroupLink, ...]:
    links = []
    for division_id in snapshot.group_parents.get(group_id, ()):
        count = sum(1 for pupil in members if division_id in snapshot.pupil_divisions.get(pupil, ()))
        links.append(GroupLink(snapshot.divisions[division_id].code, count))
    return tuple(sorted(links, key=lambda link: link.division))


def timetable_data(snapshot: Snapshot) -> Timetable:
    all_services = _services(snapshot)
    used = {t for by_teacher in all_services.values() for t in by_teacher}
    services, members = _by_structure(all_services), _group_members(snapshot)
    return Timetable(
        uai=snapshot.establishment.uai,
        school_year=snapshot.school_year,
        application=APPLICATION,
        opening=tuple(OpeningDay(day, *hours) for day, hours in sorted(snapshot.opening.items())),
        week_patterns=tuple(
            WeekPattern(code, code, label, weeks)
            for code, label, weeks in sorted(snapshot.week_patterns.values())
            if weeks
        ),
        rooms=tuple(sorted(snapshot.rooms.values())),
        teachers=tuple(sorted((snapshot.teachers[t].code for t in used), key=_id_order)),
        divisions=tuple(
            Structure(d.code, _structure_services(snapshot, services, d.id))
            for d in sorted(snapshot.divisions.values(), key=lambda d: d.code)
        ),
        groups=tuple(
            Structure(
                g.code,
                _structure_services(snapshot, services, g.id),
                label=g.label,
                divisions=_group_links(snapshot, members.get(g.id, []), g.id),
            )
            for g in sorted(snapshot.groups.values(), key=lambda g: g.code)
        ),
    )


def student_groups_data(snapshot: Snapshot, *, export_date: dt.date, send_number: int) -> StudentGroupsExport:
    pupils = []
    for pupil in snapshot.pupils.values():
        group_ids = snapshot.pupil_groups.get(pupil.id)
        if not group_ids:
            continue
        groups = sorted(snapshot.groups[g].code for g in group_ids)
        memberships = tuple(Membership(code, snapshot.first_day, snapshot.last_day) for code in groups)
        pupils.append(PupilGroups(pupil.eleve_id, pupil.last_name, pupil.first_name, pupil.birth_date, memberships))
    return StudentGroupsExport(
        uai=snapshot.establishment.uai,
        school_year=snapshot.school_year,
        export_date=export_date,
        send_number=send_number,
        application=APPLICATION,
        pupils=tuple(sorted(pupils, key=lambda p: _id_order(p.eleve_id))),
    )


def export_bytes(snapshot: Snapshot, target: str, *, export_date: dt.date, send_number: int = 1) -> bytes:
    if target == Target.SIECLE_BEE:
        return write_import_eleves(student_groups_data(snapshot, export_date=export_date, send_number=send_number))
    if target == Target.VIE_ETABLISSEMENT:
        return write_vie_etablissement(timetable_data(snapshot))
    return write_edt_sts(timetable_data(snapshot))
