"""No tenant waits on another: an import runs to its end while another organisation's import holds its transaction."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection

from establishments.models import Establishment
from siecle.formats.generator import export_xml_bytes
from siecle.importing import ImportFile, ImportOptions, import_apply
from siecle.importing import apply as apply_module
from tests.factories import EstablishmentFactory
from tests.siecle.helpers import YEAR, make_set

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PUPILS = 1_100  # above bulk.ANALYZE_FROM: both imports refresh the statistics of the same tables


def _files(establishment: Establishment, seed: int) -> list[ImportFile]:
    data = make_set(establishment.uai, students=PUPILS, seed=seed)
    return [ImportFile("ElevesAvecAdresses.xml", export_xml_bytes(data, "ElevesAvecAdresses"))]


def _import(establishment: Establishment, files: list[ImportFile]) -> None:
    try:
        import_apply(establishment=establishment, school_year=YEAR, files=files, options=ImportOptions())
    finally:
        connection.close()  # each thread has its own connection


def _timed(function: Callable[[], None]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _hold_before_commit(monkeypatch, holder: str, written: threading.Event, release: threading.Event) -> None:
    """The import running in thread ``holder`` stops once its rows are written, its transaction still open."""
    original = apply_module._record_run

    def record_run(*args, **kwargs):
        if threading.current_thread().name == holder:
            written.set()
            release.wait(timeout=120)
        return original(*args, **kwargs)

    monkeypatch.setattr(apply_module, "_record_run", record_run)


def test_an_import_runs_to_its_end_while_another_organisations_import_holds_its_transaction(cite_college, monkeypatch):
    alone_school, small_school = EstablishmentFactory(), EstablishmentFactory()
    alone = _timed(lambda: _import(alone_school, _files(alone_school, seed=2)))
    big_files, small_files = _files(cite_college, seed=1), _files(small_school, seed=3)
    written, release, small_done = threading.Event(), threading.Event(), threading.Event()
    _hold_before_commit(monkeypatch, "big", written, release)
    big = threading.Thread(target=_import, args=(cite_college, big_files), name="big")
    big.start()
    try:
        assert written.wait(timeout=120)
        timings: list[float] = []
        small = threading.Thread(
            target=lambda: (timings.append(_timed(lambda: _import(small_school, small_files))), small_done.set())
        )
        small.start()
        finished = small_done.wait(timeout=max(10 * alone, 30))
    finally:
        release.set()
        big.join(timeout=120)
    small.join(timeout=120)
    assert finished, "the small import waited for the other organisation's transaction"
    assert timings[0] <= 1.5 * alone, f"{timings[0]:.2f} s beside the other import, {alone:.2f} s alone"
