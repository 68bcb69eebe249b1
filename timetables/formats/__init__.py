"""STS-Web formats: the ``sts_emp`` reader (root ``STS_EDT``) and a generator. Pure Python: no Django here.

- ``read_sts(source, *, uai=None, year=None, limits=DEFAULT_LIMITS) -> StsExport``: ``.xml`` or ``.zip``,
  bytes, path or binary file. Raises ``siecle.formats.FormatError`` when the file is refused (an ``EDT_STS``
  upload file, another UAI or year, malformed or oversized XML, DOCTYPE, zip problems); record-level issues
  are in ``export.report``.
- ``read_sts_header(source, *, uai=None, year=None)`` -> ``StsHeader``: the same refusals from the root and
  ``PARAMETRES`` only, the body unread.
"""

from __future__ import annotations

from siecle.formats.issues import FormatError
from timetables.formats.records import (
    CourseModality,
    Discipline,
    Division,
    Group,
    Service,
    ServiceTeacher,
    StsExport,
    StsHeader,
    Teacher,
)
from timetables.formats.sts import STS_ROOT, UPLOAD_ROOT, read_sts, read_sts_header

__all__ = [
    "STS_ROOT",
    "UPLOAD_ROOT",
    "CourseModality",
    "Discipline",
    "Division",
    "FormatError",
    "Group",
    "Service",
    "ServiceTeacher",
    "StsExport",
    "StsHeader",
    "Teacher",
    "read_sts",
    "read_sts_header",
]
