"""The client key never lands in a regular file: not in the temp directories, not behind any open
descriptor of this process, while a request is in flight nor after it."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

from tests.netsynchro.helpers import client_entry, make_client, open_p12

MAX_SCAN_BYTES = 20 * 1024 * 1024


def _leaks(data: bytes, key) -> bool:
    text = data.decode("latin-1")
    return key.key_der in data or any(line in text for line in key.pem_body_lines[1:-1])


def _descriptor_targets() -> list[str]:
    targets = []
    for name in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{name}"))
        except OSError:
            continue
    return targets


def _regular_files_behind_descriptors() -> list[Path]:
    # The anonymous memfd ("/memfd:netsynchro-client (deleted)") is in no directory: not a regular file.
    return [Path(t) for t in _descriptor_targets() if t.startswith("/") and os.path.isfile(t)]


def _scan(paths, key) -> list[str]:
    leaked = []
    for path in paths:
        try:
            if path.is_file() and path.stat().st_size <= MAX_SCAN_BYTES and _leaks(path.read_bytes(), key):
                leaked.append(str(path))
        except OSError:
            continue
    return leaked


def test_the_key_never_appears_in_a_regular_file(sandbox, pki, year, tmp_path):
    key = open_p12(client_entry(pki))
    started = time.time()
    sandbox.control(latency=0.3)
    leaked: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            leaked.extend(_scan(_regular_files_behind_descriptors(), key))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with make_client(sandbox, pki) as client:
            assert client.fetch_export(year=year, kind="eleves").read_bytes()
    finally:
        done.set()
        watcher.join()
    recent = [
        p
        for root in {Path(tempfile.gettempdir()), tmp_path.parent, Path(pki["ca"]).parent}
        for p in root.rglob("*")
        if _recent(p, started)
    ]
    assert leaked == [] and _scan(recent, key) == []
    assert not [t for t in _descriptor_targets() if t.startswith("/memfd:netsynchro-client")], "memfd left open"
    assert _scan(Path(pki["ca"]).parent.iterdir(), key) == []  # the .p12 holds it encrypted only


def _recent(path: Path, since: float) -> bool:
    try:
        return path.is_file() and path.stat().st_mtime >= since - 1
    except OSError:
        return False
