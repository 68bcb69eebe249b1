"""Generator of consistent STS-Web ``sts_emp`` exports and their conflict-free weekly timetables.

- ``plan_timetable(shape, seed=)`` → ``TimetablePlan``: teachers, rooms, one-hour courses (weekly, or
  week A / week B), services whose hours are those of the courses.
- ``shape_from_siecle(generated_set)`` / ``synthetic_shape(uai=, year=, divisions=)``: what to plan.
- ``sts_emp_xml(plan)``: the ``STS_EDT`` file of that plan (ISO-8859-15 by default).
"""

from __future__ import annotations

from timetables.formats.generator.plan import (
    WEEK_A,
    WEEK_B,
    WEEKLY,
    CurriculumItem,
    PlannedCourse,
    PlannedTeacher,
    SchoolShape,
    StructureShape,
    TimetablePlan,
    plan_timetable,
)
from timetables.formats.generator.shapes import shape_from_siecle, synthetic_shape
from timetables.formats.generator.writer import sts_emp_xml, sts_file_name

__all__ = [
    "WEEKLY",
    "WEEK_A",
    "WEEK_B",
    "CurriculumItem",
    "PlannedCourse",
    "PlannedTeacher",
    "SchoolShape",
    "StructureShape",
    "TimetablePlan",
    "plan_timetable",
    "shape_from_siecle",
    "sts_emp_xml",
    "sts_file_name",
    "synthetic_shape",
]
