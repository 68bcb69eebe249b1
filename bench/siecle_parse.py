"""Benchmark of the SIECLE BEE readers against a bare lxml iterparse pass.

Run: ``.venv/bin/python bench/siecle_parse.py`` (add ``--sizes 1000 5000`` or ``--no-big`` to shorten).
Prints one JSON line per (size, export): XML bytes, seconds for ``read_export``, seconds for a
bare ``lxml.etree.iterparse`` over the same bytes, their ratio, and the peak RSS of a child
process doing one reader pass over the file (so the generator's memory does not count).
Targets: ratio ≤ 2.0 on eleves and responsables; peak RSS < 150 MB for a ~100 MB file.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from siecle.formats import read_export  # noqa: E402
from siecle.formats.generator import export_xml_bytes, generate_set  # noqa: E402

NAMES = ("ElevesAvecAdresses", "ResponsablesAvecAdresses")
# The child reports its own peak RSS: VmHWM, reset by exec (ru_maxrss would inherit the
# parent's peak across fork + exec on Linux and count the generator's memory).
CHILD = """
import sys
sys.path.insert(0, {root!r})
from siecle.formats import read_export, stream_export
mode, path = sys.argv[1], sys.argv[2]
if mode == "stream":
    with stream_export(path) as stream:
        count = sum(1 for _ in stream)
elif mode == "read":
    count = len(read_export(path).counts)
else:
    from lxml import etree
    count = sum(1 for _ in etree.iterparse(path))
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
"""


def best_of(runs: int, function) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def bare_pass(data: bytes) -> None:
    for _event, _element in etree.iterparse(io.BytesIO(data)):
        pass


def child_peak_mb(mode: str, path: Path) -> float:
    script = CHILD.format(root=str(ROOT))
    output = subprocess.run(
        [sys.executable, "-c", script, mode, str(path)], check=True, capture_output=True, text=True
    ).stdout
    return round(int(output.strip()) / 1024, 1)


def measure(size: int, name: str, data: bytes, workdir: Path) -> dict[str, object]:
    path = workdir / f"{name}_{size}.xml"
    path.write_bytes(data)
    # Small files are timed more often: their best run is otherwise at the mercy of scheduler noise.
    runs = 9 if len(data) < 5_000_000 else 3 if len(data) < 30_000_000 else 1
    ours = best_of(runs, lambda: read_export(data))
    bare = best_of(runs, lambda: bare_pass(data))
    return {
        "students": size,
        "export": name,
        "bytes": len(data),
        "reader_s": round(ours, 3),
        "bare_iterparse_s": round(bare, 3),
        "ratio": round(ours / bare, 2),
        "peak_rss_mb_stream": child_peak_mb("stream", path),
        "peak_rss_mb_read": child_peak_mb("read", path),
        "peak_rss_mb_bare_iterparse": child_peak_mb("bare", path),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--big-students", type=int, default=49000, help="≈100 MB ElevesAvecAdresses")
    parser.add_argument("--no-big", action="store_true")
    args = parser.parse_args()
    sizes = list(args.sizes) + ([] if args.no_big else [args.big_students])
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            data = generate_set(uai="0310053P", year=2024, students=size, seed=1)
            names = NAMES if size in args.sizes else NAMES[:1]
            for name in names:
                print(json.dumps(measure(size, name, export_xml_bytes(data, name), Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
