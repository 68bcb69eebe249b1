"""Two imports of different organisations at once: the small one must not wait for the big one (issue 11 §4).

Run: ``.venv/bin/python bench/siecle_concurrent_imports.py [--big 100000] [--small 5000]``. Creates (and drops
first) the database ``BENCH_DATABASE`` (default ``netsync_bench_concurrent``) on ``BENCH_SERVER_URL``. Times
the small organisation's first import alone, then same-sized first imports of other establishments of that
organisation: one started once the big organisation's import has begun writing (both run, sharing the
CPU), one while the big import of a second big establishment holds its transaction open once all its rows are
written (locks only: the big one does not run meanwhile). Prints one JSON line per step and the ratio to
the time alone (target ≤ 1.5).
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


def apply(establishment, files) -> float:
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

    def insert_rows(model, rows):
        event.set()
        return original(model, rows)

    bulk.insert_rows = insert_rows
    return event


def holding_before_commit() -> tuple[threading.Event, threading.Event]:
    """(written, release): the import of a thread named "holder" stops before its run record, transaction open."""
    from siecle.importing import apply as apply_module

    written, release, original = threading.Event(), threading.Event(), apply_module._record_run

    def record_run(*args, **kwargs):
        if threading.current_thread().name == "holder":
            written.set()
            release.wait(timeout=3600)
        return original(*args, **kwargs)

    apply_module._record_run = record_run
    return written, release


def beside_a_held_transaction(alone: float, big_school, big_files, school, files) -> None:
    written, release = holding_before_commit()
    holder = threading.Thread(target=apply, args=(big_school, big_files), name="holder")
    holder.start()
    written.wait()
    timings: list[float] = []
    small = threading.Thread(target=lambda: timings.append(apply(school, files)), daemon=True)
    small.start()
    small.join(timeout=max(20 * alone, 60))
    if timings:
        emit("small_beside_big_holding_its_transaction", timings[0], ratio=round(timings[0] / alone, 2))
    else:
        emit("small_beside_big_holding_its_transaction", -1, waited_for_the_other_commit=True)
    release.set()
    holder.join()


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
    held_school = Establishment.objects.create(
        organisation=big_school.organisation, uai="0691235T", name="Lycée géant bis"
    )
    held_files = files_of(generate_set(uai=held_school.uai, year=YEAR, students=big, seed=4))
    third_school = Establishment.objects.create(organisation=small_org, uai="0381113D", name="Collège tiers")
    third_files = files_of(generate_set(uai=third_school.uai, year=YEAR, students=small, seed=5))
    beside_a_held_transaction(alone, held_school, held_files, third_school, third_files)


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
