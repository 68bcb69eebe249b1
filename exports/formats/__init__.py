"""Writers (and the matching readers) of the files sent to the Ministry applications: pure functions of
plain data to bytes, no Django inside (FORMATS-MINISTRY-EXPORTS.md §2–§4).

- ``write_edt_sts``: the STS-Web upload ``EDT_STS`` (ISO-8859-15), element order of §2.2;
- ``write_vie_etablissement``: SIECLE Vie de l'établissement. Its official format is not public: this
  writes ``EDT_STS`` with one week pattern per school week (the week-by-week timetable), behind its own
  function so it can be replaced when the format is known;
- ``write_import_eleves``: the students' groups for SIECLE BEE, ``IMPORT_ELEVES`` 1.3 (UTF-8).
"""

from __future__ import annotations

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
from exports.formats.edt_sts import write_edt_sts
from exports.formats.import_eleves import write_import_eleves
from exports.formats.readers import read_edt_sts, read_import_eleves
from exports.formats.text import EDT_STS_ENCODING, UnwritableText, unwritable_characters
from exports.formats.vie_etablissement import write_vie_etablissement

__all__ = [
    "EDT_STS_ENCODING",
    "Course",
    "GroupLink",
    "Membership",
    "OpeningDay",
    "PupilGroups",
    "Service",
    "Structure",
    "StudentGroupsExport",
    "TeacherCourses",
    "Timetable",
    "UnwritableText",
    "WeekPattern",
    "read_edt_sts",
    "read_import_eleves",
    "unwritable_characters",
    "write_edt_sts",
    "write_import_eleves",
    "write_vie_etablissement",
]
