"""Deterministic generator of consistent SIECLE BEE export sets (tests, sandbox, demo, benchmarks).

- ``generate_set(uai=, year=, students=, seed=, responsables_format="new", eleves_version="3.0")``
  → ``GeneratedSet``: the records; reading the exports back gives exactly them.
- ``export_xml_bytes(data, name)`` / ``export_zip_bytes(data, name)``: one export, in memory, as
  ``<name>.xml`` or as ``ExportXML_<name>.zip`` bytes (what the NetSynchro sandbox serves).
- ``export_zip_for(name, uai=, year=, students=, seed=, ...)``: the same in one call.
- ``write_exports(out_dir, data)``: the four zips on disk; returns their paths.

``name`` is one of EXPORT_NAMES (plus ``ElevesSansAdresses``): ElevesAvecAdresses,
ResponsablesAvecAdresses, Nomenclature, Structures.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from siecle.formats.generator.population import GeneratedSet, generate_set
from siecle.formats.generator.writers import eleves_xml, nomenclatures_xml, responsables_xml, structures_xml

EXPORT_NAMES = ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Nomenclature", "Structures")
_WRITERS: dict[str, Callable[[GeneratedSet], bytes]] = {
    "ElevesAvecAdresses": eleves_xml,
    "ElevesSansAdresses": lambda data: eleves_xml(data, with_addresses=False),
    "ResponsablesAvecAdresses": responsables_xml,
    "Nomenclature": nomenclatures_xml,
    "Structures": structures_xml,
}


def export_xml_bytes(data: GeneratedSet, name: str) -> bytes:
    try:
        writer = _WRITERS[name]
    except KeyError:
        raise ValueError(f"unknown export name {name!r}; expected one of {sorted(_WRITERS)}") from None
    return writer(data)


def zip_name(name: str) -> str:
    return f"ExportXML_{name}.zip"


def export_zip_bytes(data: GeneratedSet, name: str) -> bytes:
    """``ExportXML_<name>.zip`` holding the single member ``<name>.xml``.

    The member is dated with the export's HORODATAGE, not the clock, so the same set always gives the
    same bytes (the NetSynchro sandbox serves them, and tests compare them).
    """
    when = data.timestamp
    member = zipfile.ZipInfo(
        f"{name}.xml", date_time=(max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    )
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, export_xml_bytes(data, name))
    return buffer.getvalue()


def export_zip_for(
    name: str, *, uai: str, year: int, students: int, seed: int, responsables_format: str = "new"
) -> bytes:
    data = generate_set(uai=uai, year=year, students=students, seed=seed, responsables_format=responsables_format)
    return export_zip_bytes(data, name)


def write_exports(out_dir: str | Path, data: GeneratedSet) -> list[Path]:
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORT_NAMES:
        path = directory / zip_name(name)
        path.write_bytes(export_zip_bytes(data, name))
        written.append(path)
    return written


__all__ = [
    "EXPORT_NAMES",
    "GeneratedSet",
    "export_xml_bytes",
    "export_zip_bytes",
    "export_zip_for",
    "generate_set",
    "write_exports",
    "zip_name",
]
