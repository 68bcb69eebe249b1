"""``EDT_STS``, the timetable upload to STS-Web, in the element order of the CRLR DTD
(FORMATS-MINISTRY-EXPORTS.md §2.2):

``EDT_STS`` → ``PARAMETRES`` (``UAJ``, ``ANNEE_SCOLAIRE``, ``APPLICATION_SOURCE``) then ``DONNEES`` →
``HORAIRES``, ``ALTERNANCES``, ``SALLES_COURS``, ``INDIVIDUS``, ``STRUCTURE`` (``DIVISIONS`` then
``GROUPES``); services → ``ENSEIGNANTS`` → ``COURS_RATTACHES`` → ``COURS`` (``CODE_ALTERNANCE``, ``JOUR``,
``HEURE_DEBUT``, ``DUREE``, ``CODE_SALLE``).

Written as text (one pass, no tree: 50,000 courses stay well under a second) and encoded strictly in
ISO-8859-15, the encoding the prolog declares.
"""

from __future__ import annotations

from functools import lru_cache

from exports.formats.data import Course, Service, Structure, Timetable
from exports.formats.text import EDT_STS_ENCODING, encode_document, escape, hhmm

ROOT = "EDT_STS"


def write_edt_sts(timetable: Timetable) -> bytes:
    """The ``EDT_STS`` file of ``timetable``; ``UnwritableText`` when a value has a character
    ISO-8859-15 lacks (the checks report those first)."""
    parts = [f'<?xml version="1.0" encoding="{EDT_STS_ENCODING}"?>\n<{ROOT}>\n']
    _parameters(parts, timetable)
    parts.append("<DONNEES>\n")
    _opening(parts, timetable)
    _week_patterns(parts, timetable)
    parts.append("<SALLES_COURS>")
    parts.extend(f'<SALLE_COURS CODE="{escape(code)}"/>' for code in timetable.rooms)
    parts.append("</SALLES_COURS>\n<INDIVIDUS>")
    parts.extend(f'<INDIVIDU ID="{escape(sts_id)}"/>' for sts_id in timetable.teachers)
    parts.append("</INDIVIDUS>\n<STRUCTURE>\n<DIVISIONS>\n")
    for division in timetable.divisions:
        parts.append(f'<DIVISION CODE="{escape(division.code)}">')
        _services(parts, division.services)
        parts.append("</DIVISION>\n")
    parts.append("</DIVISIONS>\n<GROUPES>\n")
    for group in timetable.groups:
        _group(parts, group)
    parts.append(f"</GROUPES>\n</STRUCTURE>\n</DONNEES>\n</{ROOT}>\n")
    return encode_document(parts, EDT_STS_ENCODING)


def _parameters(parts: list[str], timetable: Timetable) -> None:
    parts.append(
        f"<PARAMETRES><UAJ>{escape(timetable.uai)}</UAJ><ANNEE_SCOLAIRE>{timetable.school_year}</ANNEE_SCOLAIRE>"
        f"<APPLICATION_SOURCE>{escape(timetable.application)}</APPLICATION_SOURCE></PARAMETRES>\n"
    )


def _opening(parts: list[str], timetable: Timetable) -> None:
    parts.append("<HORAIRES>")
    for day in timetable.opening:
        parts.append(
            f'<HORAIRE JOUR="{day.weekday}"><DEBUT_COURS>{hhmm(day.opens)}</DEBUT_COURS>'
            f"<FIN_COURS>{hhmm(day.closes)}</FIN_COURS></HORAIRE>"
        )
    parts.append("</HORAIRES>\n")


def _week_patterns(parts: list[str], timetable: Timetable) -> None:
    parts.append("<ALTERNANCES>\n")
    for pattern in timetable.week_patterns:
        weeks = "".join(f"<DATE_DEBUT_SEMAINE>{week.isoformat()}</DATE_DEBUT_SEMAINE>" for week in pattern.weeks)
        parts.append(
            f'<ALTERNANCE CODE="{escape(pattern.code)}"><LIBELLE_COURT>{escape(pattern.short_label)}</LIBELLE_COURT>'
            f"<LIBELLE_LONG>{escape(pattern.long_label)}</LIBELLE_LONG><SEMAINES>{weeks}</SEMAINES></ALTERNANCE>\n"
        )
    parts.append("</ALTERNANCES>\n")


def _group(parts: list[str], group: Structure) -> None:
    parts.append(f'<GROUPE CODE="{escape(group.code)}">')
    if group.label:
        parts.append(f"<LIBELLE_LONG>{escape(group.label)}</LIBELLE_LONG>")
    if group.headcount is not None:
        parts.append(f"<EFFECTIF_PREVU>{group.headcount}</EFFECTIF_PREVU>")
    if group.divisions:
        parts.append("<DIVISIONS_APPARTENANCE>")
        for link in group.divisions:
            parts.append(
                f'<DIVISION_APPARTENANCE CODE="{escape(link.division)}">'
                f"<EFFECTIF_PREVU>{link.headcount}</EFFECTIF_PREVU></DIVISION_APPARTENANCE>"
            )
        parts.append("</DIVISIONS_APPARTENANCE>")
    _services(parts, group.services)
    parts.append("</GROUPE>\n")


def _services(parts: list[str], services: tuple[Service, ...]) -> None:
    parts.append("<SERVICES>\n")
    for service in services:
        parts.append(
            f'<SERVICE CODE_MATIERE="{escape(service.subject_code)}" '
            f'CODE_MOD_COURS="{escape(service.modality_code)}"><ENSEIGNANTS>\n'
        )
        for teacher in service.teachers:
            parts.append(f'<ENSEIGNANT ID="{escape(teacher.sts_id)}" TYPE="{escape(teacher.kind)}">')
            if teacher.courses:
                parts.append("<COURS_RATTACHES>\n")
                parts.extend(_course(course) for course in teacher.courses)
                parts.append("</COURS_RATTACHES>")
            parts.append("</ENSEIGNANT>\n")
        parts.append("</ENSEIGNANTS></SERVICE>\n")
    parts.append("</SERVICES>")


def _course(course: Course) -> str:
    return (
        f"<COURS><CODE_ALTERNANCE>{escape(course.week_pattern)}</CODE_ALTERNANCE>"
        f"{_course_slot(course.weekday, course.start, course.duration, course.room)}"
    )


@lru_cache(maxsize=16384)  # the week-by-week file repeats each slot in every week
def _course_slot(weekday: int, start: int, duration: int, room: str) -> str:
    room_part = f"<CODE_SALLE>{escape(room)}</CODE_SALLE>" if room else ""
    return f"<JOUR>{weekday}</JOUR><HEURE_DEBUT>{hhmm(start)}</HEURE_DEBUT><DUREE>{hhmm(duration)}</DUREE>{room_part}</COURS>\n"
