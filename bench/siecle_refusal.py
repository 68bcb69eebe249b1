"""Time to refuse a sibling establishment's SIECLE files (issue 10 §3: target ≤ 0.1 s whatever the size).

Run: ``.venv/bin/python bench/siecle_refusal.py [--students 5000 50000]``. Creates (and drops first) the
database ``BENCH_DATABASE`` (default ``netsync_bench_refusal``) on ``BENCH_SERVER_URL``, a cité scolaire with
a collège and a lycée, then for each size writes the lycée's four exports and prints one JSON line: their
bytes, the best of 5 runs of ``manage.py import_siecle`` for the collège (in process, so Django's start-up
does not count) and of ``identify_file`` on the Élèves file (what the upload form calls per file).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE", "netsync_bench_refusal")
sys.path.insert(0, str(ROOT / "bench"))

from import_siecle import EXPORTS, create_database, setup_django  # noqa: E402

YEAR = 2026


def best_of(runs: int, function) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def refuse_with_command(college_uai: str, paths: list[str]) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    try:
        with redirect_stdout(out):
            call_command("import_siecle", "--uai", college_uai, "--year", str(YEAR), *paths, stdout=out)
    except SystemExit:
        pass
    assert "lycée" in json.loads(out.getvalue())["error"], out.getvalue()


def run(sizes: list[int]) -> None:
    from establishments.models import Establishment, Organisation
    from siecle.formats.generator import export_xml_bytes, generate_set
    from siecle.importing import identify_file

    cite = Organisation.objects.create(name="Cité scolaire du banc")
    college = Establishment.objects.create(organisation=cite, uai="0691234S", name="Collège du banc")
    lycee = Establishment.objects.create(organisation=cite, uai="0691235T", name="Lycée du banc")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            data = generate_set(uai=lycee.uai, year=YEAR, students=size, seed=1)
            paths = []
            for name in EXPORTS:
                path = Path(tmp) / f"{size}_{name}.xml"
                path.write_bytes(export_xml_bytes(data, name))
                paths.append(str(path))
            command = best_of(5, lambda paths=paths: refuse_with_command(college.uai, paths))
            eleves = Path(paths[0])
            identify = best_of(5, lambda e=eleves: identify_file(e.name, e, establishment=college, school_year=YEAR))
            row = {
                "students": size,
                "bytes": sum(Path(path).stat().st_size for path in paths),
                "import_siecle_refusal_s": round(command, 4),
                "identify_file_eleves_s": round(identify, 4),
            }
            print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, nargs="+", default=[5000, 50000])
    args = parser.parse_args()
    create_database()
    setup_django()
    run(args.students)


if __name__ == "__main__":
    main()
