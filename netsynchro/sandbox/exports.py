"""The SIECLE BEE exports the sandbox serves: made by ``siecle.formats.generator``, cached in memory.

The generator stamps zip members with the current time; the sandbox re-stamps them with the export's
own HORODATAGE so a UAI/year/size always gives the same bytes, across restarts too.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from netsynchro.sandbox.state import SandboxState
from siecle.formats.generator import export_zip_bytes, generate_set

# Contract kind → generator export name (the zip holds ``<name>.xml``).
GENERATOR_NAMES: dict[str, str] = {
    "eleves": "ElevesAvecAdresses",
    "responsables": "ResponsablesAvecAdresses",
    "nomenclatures": "Nomenclature",
    "structures": "Structures",
}


def export_zip(state: SandboxState, *, uai: str, year: int, kind: str) -> bytes:
    """The zip for ``kind``; the four of a UAI and year are generated together from one set."""
    students = state.students_for(uai)
    key = (uai, year, kind, students)
    with state.lock:
        cached = state.exports.get(key)
    if cached is not None:
        return cached
    data = generate_set(uai=uai, year=year, students=students, seed=state.config.seed)
    zips = {k: restamp(export_zip_bytes(data, name), data.timestamp) for k, name in GENERATOR_NAMES.items()}
    with state.lock:
        for each, content in zips.items():
            state.exports.setdefault((uai, year, each, students), content)
        return state.exports[key]


def restamp(content: bytes, when: dt.datetime) -> bytes:
    """The same zip with every member dated ``when``."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return out.getvalue()
