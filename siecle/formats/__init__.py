"""Readers, checker and generator for the SIECLE BEE XML exports. Pure Python: no Django here.

Public API (stable; records are documented in ``siecle.formats.records``):

- ``read_export(source, *, limits=DEFAULT_LIMITS, today=None) -> ParsedExport``: read a whole
  ``.xml`` or ``.zip`` export given as bytes, a path or a binary file. The kind comes from the
  root element. Raises ``FormatError`` when the file is refused (malformed XML with line and
  column, wrong root, unknown encoding, DOCTYPE, zip problems, size caps, missing UAJ).
  Record-level problems land in ``ParsedExport.report``: an error means the record was skipped,
  a warning that it was kept. Each ``Issue`` has ``code``, a French ``message``, ``severity``
  and, when relevant, ``eleve_id``, ``ine``, ``name``, ``person_id``, ``line``.
- ``stream_export(source, ...)``: context manager yielding an ``ExportStream`` whose
  ``envelope`` is known on entry and whose records come by iterating once (flat memory for big
  files); ``report`` and ``counts`` are complete after the iteration.
- ``read_header(source, *, limits=DEFAULT_LIMITS) -> Envelope``: kind, UAI, school year and
  version from the root and PARAMETRES only (milliseconds whatever the size); raises ``FormatError``
  like ``read_export`` for a file that is not a usable export.
- ``check_file(path) -> dict``: exactly the JSON object printed by ``manage.py siecle_check``;
  ``run_check(path) -> FileCheck`` adds ``usable`` (False when the file is refused).
- ``FormatError(code, message)``: raised by the readers, reported by the checker.
- A pupil has left when DATE_SORTIE is on or before the export's reference date
  (``Envelope.reference_date``: DATE_EXPORT, else HORODATAGE, else today): see ``Student.has_left``.
"""

from __future__ import annotations

from siecle.formats.check import FileCheck, check_file, run_check
from siecle.formats.issues import FormatError, Issue, Report, Severity
from siecle.formats.limits import DEFAULT_LIMITS, MAX_RATIO, MAX_UNCOMPRESSED_BYTES, MAX_XML_BYTES, Limits
from siecle.formats.reader import ExportStream, ParsedExport, read_export, read_header, stream_export
from siecle.formats.records import (
    Address,
    CodeLabel,
    Division,
    Envelope,
    ExportKind,
    Group,
    GuardianLink,
    MandatoryOption,
    Mef,
    Person,
    PreviousSchooling,
    Programme,
    Student,
    StudentGrants,
    StudentOption,
    StudentStructures,
    Subject,
)

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_XML_BYTES",
    "Address",
    "CodeLabel",
    "Division",
    "Envelope",
    "ExportKind",
    "ExportStream",
    "FileCheck",
    "FormatError",
    "Group",
    "GuardianLink",
    "Issue",
    "Limits",
    "MandatoryOption",
    "Mef",
    "ParsedExport",
    "Person",
    "PreviousSchooling",
    "Programme",
    "Report",
    "Severity",
    "Student",
    "StudentGrants",
    "StudentOption",
    "StudentStructures",
    "Subject",
    "check_file",
    "read_export",
    "read_header",
    "run_check",
    "stream_export",
]
