"""Two imports of different organisations at once: the small one must not wait for the big one (issue 11 §4).

Run: ``.venv/bin/python bench/siecle_concurrent_imports.py [--big 100000] [--small 5000]``. Creates (and drops
first) the database ``BENCH_DATABASE`` (default ``netsync_bench_concurrent``) on ``BENCH_SERVER_URL``. Times
the small organisation's first import alone, then the same-sized first import of another establishment of
that organisation started once the big organisation's import has begun writing (its rows copied, its
transaction open). Prints one JSON line per step and the ratio (target ≤ 1.5).
Also prints the big import's time and the re-import of the big set with 5 % changed, so that query plans
without in-transaction ANALYZE can be compared with earlier figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE", "netsync_bench_concurrent")
sys.path.insert(0, str(ROOT / "bench"))

from import_siecle import change_five_percent, create_database, emit, files_of, setup_django  # noqa: E402

YEAR = 2026


def apply(establishment, files) -> float:  # type: ignore[no-untyped-def]
    from django.db import connection

    from siecle.importing import ImportOptions, import_apply

    started = time.perf_counter()
    try:
        import_apply(establishment=establishment, school_year=YEAR, files=files, options=ImportOptions(groups=True))
    finally:
        connection.close()
    return time.perf_counter() - started


def writing_started() -> threading.Event:
    """Set when the big import first writes (its transaction is open from then until COMMIT)."""
    from siecle.importing import bulk

    event, original = threading.Event(), bulk.insert_rows

    def insert_rows(model, rows):  # type: ignore[no-untyped-def]
        event.set()
        return original(model, rows)

    bulk.insert_rows = insert_rows  # type: ignore[assignment]
    return event


def run(big: int, small: int) -> None:
    from establishments.models import Establishment, Organisation
    from siecle.formats.generator import generate_set

    big_school = Establishment.objects.create(
        organisation=Organisation.objects.create(name="Grande"), uai="0691234S", name="Lycée géant"
    )
    small_org = Organisation.objects.create(name="Petite")
    alone_school = Establishment.objects.create(organisation=small_org, uai="0381111B", name="Collège seul")
    small_school = Establishment.objects.create(organisation=small_org, uai="0381112C", name="Collège voisin")
    big_data = generate_set(uai=big_school.uai, year=YEAR, students=big, seed=1)
    big_files = files_of(big_data)
    alone_files = files_of(generate_set(uai=alone_school.uai, year=YEAR, students=small, seed=2))
    small_files = files_of(generate_set(uai=small_school.uai, year=YEAR, students=small, seed=3))
    alone = apply(alone_school, alone_files)
    emit("small_alone", alone, students=small)
    started = writing_started()
    timings: dict[str, float] = {}
    big_thread = threading.Thread(target=lambda: timings.__setitem__("big", apply(big_school, big_files)))
    big_thread.start()
    started.wait()
    timings["small"] = apply(small_school, small_files)
    emit("small_beside_big", timings["small"], students=small, ratio=round(timings["small"] / alone, 2))
    big_thread.join()
    emit("big_first_import", timings["big"], students=big)
    change_five_percent(big_data)
    emit("big_import_5pct_changed", apply(big_school, files_of(big_data)), students=big)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=5_000)
    args = parser.parse_args()
    create_database()
    setup_django()
    run(args.big, args.small)


if __name__ == "__main__":
    main()
