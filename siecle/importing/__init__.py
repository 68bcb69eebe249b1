"""Student import from SIECLE BEE exports: analyse (writes nothing), then apply (one transaction).

Public API::

    import_analyse(*, establishment, school_year, files, options) -> ImportAnalysis
    import_apply(*, establishment, school_year, files, options, user=None) -> ImportResult  # raises ImportRefused
"""

from __future__ import annotations

from siecle.importing.analyse import ImportAnalysis, ImportOptions, ImportProgress, import_analyse
from siecle.importing.apply import COMMAND_LINE, ImportRefused, ImportResult, import_apply
from siecle.importing.files import ImportFile

__all__ = [
    "COMMAND_LINE",
    "ImportAnalysis",
    "ImportFile",
    "ImportOptions",
    "ImportProgress",
    "ImportRefused",
    "ImportResult",
    "import_analyse",
    "import_apply",
]
