"""``check_file``: the JSON object ``manage.py siecle_check`` prints for one file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from siecle.formats.issues import FormatError, Report
from siecle.formats.limits import DEFAULT_LIMITS, Limits
from siecle.formats.reader import ExportStream, stream_export


@dataclass(frozen=True, slots=True)
class FileCheck:
    """``result`` is the JSON object; ``usable`` is False when the file itself is refused."""

    result: dict[str, Any]
    usable: bool


def check_file(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, today: dt.date | None = None
) -> dict[str, Any]:
    """The siecle_check JSON object for ``path`` (see docs/siecle-formats.md)."""
    return run_check(path, limits=limits, today=today).result


def run_check(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, today: dt.date | None = None
) -> FileCheck:
    """Read ``path`` without keeping records; a FormatError becomes the file's only error."""
    result: dict[str, Any] = _empty_result(path)
    try:
        with stream_export(path, limits=limits, today=today) as stream:
            _describe(result, stream)
            for _record in stream:
                pass
            _conclude(result, stream.report, stream.counts)
    except FormatError as refusal:
        result["kind"] = result["kind"] or refusal.kind
        result["errors"] = [*result["errors"], refusal.as_issue().as_dict()]
        return FileCheck(result, usable=False)
    return FileCheck(result, usable=True)


def _empty_result(path: str | os.PathLike[str]) -> dict[str, Any]:
    return {
        "file": os.fspath(path),
        "kind": None,
        "version": None,
        "uai": None,
        "year": None,
        "encoding": None,
        "counts": {},
        "errors": [],
        "warnings": [],
    }


def _describe(result: dict[str, Any], stream: ExportStream) -> None:
    envelope = stream.envelope
    result.update(
        kind=stream.kind.value,
        version=envelope.version,
        uai=envelope.uai,
        year=envelope.school_year,
        encoding=stream.encoding,
    )
    _conclude(result, stream.report, stream.counts)


def _conclude(result: dict[str, Any], report: Report, counts: dict[str, int]) -> None:
    result["counts"] = dict(counts)
    result["errors"] = [issue.as_dict() for issue in report.errors]
    result["warnings"] = [issue.as_dict() for issue in report.warnings]
