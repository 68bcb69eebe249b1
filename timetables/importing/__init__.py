"""STS-Web ``sts_emp`` import: the entry points the command and the import job call.

``sts_import_analyse(*, establishment, school_year, source, progress=no_progress) -> StsImportResult`` and
``sts_import_apply(...)`` with the same arguments. ``source`` is the file as bytes, a path or a binary file
(``.xml`` or ``.zip``); ``progress(percent, label)`` is called at each step. The result holds ``counts``,
``changes``, ``errors`` (a refusal: nothing written), ``warnings``; ``summary()`` is the command's JSON.
"""

from __future__ import annotations

from timetables.importing.result import Progress, StsImportResult, no_progress
from timetables.importing.service import sts_import_analyse, sts_import_apply

__all__ = ["Progress", "StsImportResult", "no_progress", "sts_import_analyse", "sts_import_apply"]
