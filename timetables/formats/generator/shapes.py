"""School shapes to plan: one built from a generated SIECLE set (the demo: same divisions, groups and subjects
as its pupils) and a synthetic one of any size (benchmarks). Pure Python: no Django here."""

from __future__ import annotations

from siecle.formats.generator import GeneratedSet
from siecle.formats.generator.catalog import LATIN, LV2_ES
from timetables.formats.generator.plan import CurriculumItem, SchoolShape, StructureShape

# One-hour courses per week and per division (collège); SVT and physics share a fortnightly hour.
COLLEGE_CURRICULUM = (
    CurriculumItem("020100", 5),  # français
    CurriculumItem("061300", 4),  # mathématiques
    CurriculumItem("030201", 3),  # anglais LV1
    CurriculumItem("040600", 3),  # histoire-géographie
    CurriculumItem("100100", 4),  # EPS
    CurriculumItem("062900", 1, paired_with="061100"),  # SVT, then physique-chimie on week B
    CurriculumItem("061100", 1),
    CurriculumItem("070200", 2),  # technologie
    CurriculumItem("080100", 1),  # arts plastiques
    CurriculumItem("082100", 1),  # éducation musicale
    CurriculumItem("061A01", 2),  # accompagnement personnalisé
)
GROUP_SUBJECTS = {"ESP": LV2_ES, "LAT": LATIN}


def shape_from_siecle(data: GeneratedSet) -> SchoolShape:
    """Divisions and groups exactly as the SIECLE set names them; each group is taught its subject 2 h."""
    subjects = {
        code: (subject.management_code or code, subject.short_label or code, subject.long_label or code)
        for code, subject in data.subjects.items()
    }
    divisions = tuple(
        StructureShape(division.code, division.label or division.code, division.mef_codes)
        for division in data.divisions.values()
    )
    groups = tuple(
        StructureShape(
            group.code, group.label or group.code, group.mef_codes, group.division_codes, _group_subject(group.code)
        )
        for group in data.groups.values()
    )
    return SchoolShape(data.uai, data.year, subjects, divisions, groups, COLLEGE_CURRICULUM)


def _group_subject(code: str) -> str | None:
    return next((subject for key, subject in GROUP_SUBJECTS.items() if key in code), None)


def synthetic_shape(*, uai: str, year: int, divisions: int, rooms: int = 0, max_teacher_hours: int = 18) -> SchoolShape:
    """``divisions`` classes over four levels, technology and physics taught in half-groups."""
    from siecle.formats.generator.catalog import SUBJECTS

    subjects = {code: (management, short, edition) for code, management, short, edition in SUBJECTS}
    levels = ("6", "5", "4", "3")
    structures = tuple(
        StructureShape(f"{levels[n % 4]}{chr(65 + n // 4)}", f"{levels[n % 4]}EME {chr(65 + n // 4)}")
        for n in range(divisions)
    )
    return SchoolShape(
        uai,
        year,
        subjects,
        structures,
        curriculum=COLLEGE_CURRICULUM,
        max_teacher_hours=max_teacher_hours,
        room_count=rooms,
        split_subjects=("070200", "061100", "030201", "061300", "020100"),
    )
