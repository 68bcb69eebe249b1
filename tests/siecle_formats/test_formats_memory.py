"""Memory stays flat in file size whatever the file holds: every element the reader does not keep is released.

Each file is read in a child process that reports its own peak resident memory (VmHWM) before and after
the read, so the test's own memory (the padded file generated here) does not count.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from siecle.formats.generator import export_xml_bytes, generate_set

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 150
PADDING = 500_000  # unknown elements: far below the cap on them, enough to cost 200 MB if kept
CHILD = """
import sys
sys.path.insert(0, {root!r})
from siecle.formats import FormatError, read_export

def peak_kb():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))

baseline = peak_kb()
try:
    outcome = "read {{}} students".format(len(read_export(sys.argv[1]).students))
except FormatError as refusal:
    outcome = refusal.code
print(baseline, peak_kb(), outcome)
"""


def _peak_over_baseline_mb(path: Path) -> tuple[float, str]:
    run = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    baseline, peak, outcome = run.stdout.split(maxsplit=2)
    return (int(peak) - int(baseline)) / 1024, outcome.strip()


@pytest.fixture(scope="module")
def eleves_xml() -> bytes:
    return export_xml_bytes(generate_set(uai="0691234S", year=2026, students=20, seed=1), "ElevesAvecAdresses")


def _padding(count: int, *, seed: int | None = None) -> bytes:
    """``count`` unknown elements; with a seed, one in 40 varies so that a zip of it stays under 200:1."""
    plain = b"<REMPLISSAGE>texte de remplissage 0123456789</REMPLISSAGE>\n"
    if seed is None:
        return plain * count
    rng = random.Random(seed)
    return b"".join(
        b"<REMPLISSAGE>texte de remplissage %d</REMPLISSAGE>\n" % rng.randrange(10**6) if index % 40 == 0 else plain
        for index in range(count)
    )


PLACES = {
    "right after DONNEES": (b"<DONNEES>", b"<DONNEES>{pad}"),
    "between two pupils": (b"</ELEVE>", b"</ELEVE>{pad}"),
    "after the last section": (b"</DONNEES>", b"{pad}</DONNEES>"),
    "inside an unknown wrapper": (b"<DONNEES>", b"<DONNEES><INCONNU>{pad}</INCONNU>"),
}


@pytest.mark.parametrize("place", PLACES)
def test_it_reads_a_file_padded_with_unknown_elements_in_flat_memory(tmp_path, eleves_xml, place):
    marker, replacement = PLACES[place]
    padded = eleves_xml.replace(marker, replacement.replace(b"{pad}", _padding(PADDING)), 1)
    path = tmp_path / "ElevesAvecAdresses.xml"
    path.write_bytes(padded)
    growth, outcome = _peak_over_baseline_mb(path)
    assert outcome == "read 20 students"
    assert growth < LIMIT_MB, f"{growth:.0f} MB for a {len(padded) / 1e6:.0f} MB file"


def test_it_reads_a_zipped_padded_file_at_a_high_ratio_in_flat_memory(tmp_path, eleves_xml):
    member = eleves_xml.replace(b"<DONNEES>", b"<DONNEES>" + _padding(PADDING, seed=1), 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ElevesAvecAdresses.xml", member)
    assert 100 < len(member) / len(buffer.getvalue()) < 200  # accepted by the ratio cap
    path = tmp_path / "ExportXML_ElevesAvecAdresses.zip"
    path.write_bytes(buffer.getvalue())
    growth, outcome = _peak_over_baseline_mb(path)
    assert outcome == "read 20 students"
    assert growth < LIMIT_MB
