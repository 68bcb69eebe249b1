"""Peak memory of the SIECLE reader on padded files: flat in file size whatever the content.

Run: ``.venv/bin/python bench/siecle_memory.py [--padding 900000 4000000]``. For each padding size, writes
an ElevesAvecAdresses file with that many unknown elements right after ``<DONNEES>`` (≈ 43 bytes each),
the same zipped at a high ratio (under the 200:1 cap), and a file of empty refused ELEVE records; a child
process reads each with ``read_export`` and reports its peak RSS (VmHWM) before and after.
Target: peak under +150 MB over the child's baseline for any file within the caps.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from siecle.formats.generator import export_xml_bytes, generate_set  # noqa: E402

CHILD = """
import sys
sys.path.insert(0, {root!r})
from siecle.formats import FormatError, read_export

def peak_kb():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))

baseline = peak_kb()
try:
    outcome = "read"
    read_export(sys.argv[1])
except FormatError as refusal:
    outcome = refusal.code
print(baseline, peak_kb(), outcome)
"""


def padding(count: int, rng: random.Random | None) -> bytes:
    plain = b"<REMPLISSAGE>texte de remplissage 0123456789</REMPLISSAGE>\n"
    if rng is None:
        return plain * count
    varied = b"<REMPLISSAGE>texte de remplissage %d</REMPLISSAGE>\n"
    return b"".join(varied % rng.randrange(10**6) if i % 40 == 0 else plain for i in range(count))


def zipped(member: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ElevesAvecAdresses.xml", member)
    return buffer.getvalue()


def measure(label: str, path: Path, xml_bytes: int) -> None:
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path)], check=True, capture_output=True, text=True
    ).stdout
    baseline, peak, outcome = output.split()
    row = {
        "file": label,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "xml_mb": round(xml_bytes / 1e6, 1),
        "baseline_mb": round(int(baseline) / 1024, 1),
        "peak_mb": round(int(peak) / 1024, 1),
        "growth_mb": round((int(peak) - int(baseline)) / 1024, 1),
        "outcome": outcome,
        "seconds": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--padding", type=int, nargs="+", default=[500_000, 900_000])
    args = parser.parse_args()
    xml = export_xml_bytes(generate_set(uai="0691234S", year=2026, students=20, seed=1), "ElevesAvecAdresses")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.padding:
            padded = xml.replace(b"<DONNEES>", b"<DONNEES>" + padding(count, None), 1)
            plain = Path(tmp) / f"padded_{count}.xml"
            plain.write_bytes(padded)
            measure(f"unknown elements ×{count}", plain, len(padded))
            member = xml.replace(b"<DONNEES>", b"<DONNEES>" + padding(count, random.Random(1)), 1)
            archive = Path(tmp) / f"padded_{count}.zip"
            archive.write_bytes(zipped(member))
            ratio = len(member) / archive.stat().st_size
            measure(f"same, zipped {ratio:.0f}:1", archive, len(member))
            empty = Path(tmp) / f"empty_records_{count}.xml"
            data = xml.replace(b"</ELEVES>", b"<ELEVE/>\n" * count + b"</ELEVES>", 1)
            empty.write_bytes(data)
            measure(f"refused empty ELEVE ×{count}", empty, len(data))


if __name__ == "__main__":
    main()
