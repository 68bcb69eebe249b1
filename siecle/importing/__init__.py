"""Student import from SIECLE BEE exports: analyse (writes nothing), then apply (one transaction).

Public API::

    import_analyse(*, establishment, school_year, files, options) -> ImportAnalysis
    import_apply(*, establishment, school_year, files, options, user=None) -> ImportResult  # raises ImportRefused
    identify_file(name, source, *, establishment, school_year) -> IdentifiedFile  # header only, for upload forms
"""

from __future__ import annotations

from siecle.importing.analyse import ImportAnalysis, ImportOptions, import_analyse
from siecle.importing.apply import COMMAND_LINE, ImportRefused, ImportResult, import_apply
from siecle.importing.files import IdentifiedFile, ImportFile, identify_file

__all__ = [
    "COMMAND_LINE",
    "IdentifiedFile",
    "ImportAnalysis",
    "ImportFile",
    "ImportOptions",
    "ImportRefused",
    "ImportResult",
    "import_analyse",
    "identify_file",
    "import_apply",
]
