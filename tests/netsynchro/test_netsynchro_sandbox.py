"""The sandbox itself: the control listener, and the command printing its URL once it listens."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.netsynchro.helpers import make_client

ROOT = Path(__file__).resolve().parents[2]


def test_control_sets_reads_and_refuses_unknown_faults(sandbox):
    assert sandbox.control(fail_next=3, latency=0.0)["fail_next"] == 3
    assert sandbox.get("/faults")["fail_next"] == 3
    with pytest.raises(urllib.error.HTTPError) as refused:
        sandbox.control(explode=True)
    assert refused.value.code == 400
    sandbox.control("/reset")
    assert sandbox.get("/faults")["fail_next"] == 0


def test_control_listens_on_loopback_only(sandbox):
    assert sandbox.control_url.startswith("http://127.0.0.1:")
    assert sandbox._servers[1].server_address[0] == "127.0.0.1"


def test_the_api_refuses_a_connection_without_client_certificate(sandbox, pki, year):
    import ssl

    import httpx

    context = ssl.create_default_context(cafile=pki["ca"])
    with httpx.Client(verify=context, timeout=5) as bare, pytest.raises(httpx.HTTPError):
        bare.get(f"{sandbox.url}/api/v1/etablissements/0691234S/exports/{year}/eleves")


def test_the_command_prints_its_url_and_serves(pki, year):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "netsync_portal.settings.test", "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "manage.py",
        "netsynchro_sandbox",
        "--pki",
        str(Path(pki["ca"]).parent),
        "--port",
        "0",
        "--students",
        "10",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("https://127.0.0.1:") and url.rsplit(":", 1)[1].isdigit()
        with make_client(SimpleNamespace(url=url), pki) as client:
            assert client.fetch_export(year=year, kind="structures").read_bytes().startswith(b"PK")
    finally:
        process.terminate()
        process.wait(timeout=10)
