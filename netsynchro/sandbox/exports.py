"""The SIECLE BEE exports the sandbox serves: made by ``siecle.formats.generator``, cached in memory.

The generator is deterministic (zip members are dated with the export's HORODATAGE), so a UAI/year/size
always gives the same bytes, across restarts too.
"""

from __future__ import annotations

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
    zips = {k: export_zip_bytes(data, name) for k, name in GENERATOR_NAMES.items()}
    with state.lock:
        for each, content in zips.items():
            state.exports.setdefault((uai, year, each, students), content)
        return state.exports[key]
