"""Benchmark of the student import (``siecle.importing``) on PostgreSQL with generated exports.

Run: ``.venv/bin/python bench/import_siecle.py [--students 5000] [--keep-db]``. Creates (and drops
first) the database ``BENCH_DATABASE`` (default ``netsync_bench``) on ``BENCH_SERVER_URL`` (default
postgres://postgres@127.0.0.1:5432),
migrates it, then prints one JSON line per step with its seconds: bare parse of the files, first
import, re-import unchanged, the same records zipped (other checksums, so the full analysis runs and finds nothing), import with
5 % of the pupils (and of the persons) changed.
Targets: first import ≤ 3 s, re-import unchanged ≤ 1 s, 5 % changed ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "netsync_bench")
UAI, YEAR = "0691234S", 2026
EXPORTS = ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Nomenclature", "Structures")


def create_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.test"
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def emit(step: str, seconds: float, **extra: object) -> None:
    print(json.dumps({"step": step, "seconds": round(seconds, 3), **extra}, ensure_ascii=False), flush=True)


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def files_of(data) -> list:
    from siecle.formats.generator import export_xml_bytes
    from siecle.importing import ImportFile

    return [ImportFile(name=f"{name}.xml", data=export_xml_bytes(data, name)) for name in EXPORTS]


def zipped_files(data) -> list:
    from siecle.formats.generator import export_zip_bytes, zip_name
    from siecle.importing import ImportFile

    return [ImportFile(name=zip_name(name), data=export_zip_bytes(data, name)) for name in EXPORTS]


def change_five_percent(data) -> None:
    students = data.people.students
    step = 20
    data.people.students = [
        dataclasses.replace(s, first_name=f"{s.first_name}-Bis") if index % step == 0 else s
        for index, s in enumerate(students)
    ]
    for index, person_id in enumerate(list(data.people.persons)):
        if index % step == 0:
            person = data.people.persons[person_id]
            data.people.persons[person_id] = dataclasses.replace(person, mobile_phone="0699999999")


def run(students: int) -> None:
    from establishments.models import Establishment, Organisation
    from siecle.formats import read_export
    from siecle.formats.generator import generate_set
    from siecle.importing import ImportOptions, import_apply

    organisation = Organisation.objects.create(name="Bench")
    establishment = Establishment.objects.create(organisation=organisation, uai=UAI, name="Collège du banc")
    data = generate_set(uai=UAI, year=YEAR, students=students, seed=1)
    files = files_of(data)
    options = ImportOptions(with_nomenclatures=True, groups=True)

    def apply(batch):
        return import_apply(establishment=establishment, school_year=YEAR, files=batch, options=options)

    parse_seconds, _ = timed(lambda: [read_export(item.data) for item in files])
    emit("parse", parse_seconds, students=students, bytes=sum(len(item.data) for item in files))
    for step, batch in (("first_import", files), ("reimport_unchanged", files)):
        seconds, result = timed(lambda batch=batch: apply(batch))
        emit(step, seconds, **_counts(result.summary()))
    # The same records zipped: other bytes, so no checksum shortcut; the full analysis finds no change.
    zipped = zipped_files(data)
    seconds, result = timed(lambda: apply(zipped))
    emit("reimport_unchanged_full_analysis", seconds, **_counts(result.summary()))
    change_five_percent(data)
    changed_files = files_of(data)
    seconds, result = timed(lambda: apply(changed_files))
    emit("import_5pct_changed", seconds, **_counts(result.summary()))


def _counts(summary: dict) -> dict:
    return {key: summary[key] for key in ("students", "guardians", "links", "addresses", "changed")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    arguments = parser.parse_args()
    create_database()
    setup_django()
    run(arguments.students)


if __name__ == "__main__":
    main()
