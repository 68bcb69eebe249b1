"""A fetched export goes through the checks of an uploaded one before it is kept, and every documented
``NETSYNCHRO_*`` setting is read from the environment (issue 11 §2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from netsynchro import services
from netsynchro.errors import ExportRefused
from tests.netsynchro.helpers import UAI, client_entry
from tests.netsynchro.test_netsynchro_services import install, platform, run_fetch  # noqa: F401 - fixture

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("hostile", "reason"),
    [("zip_bomb", "taux de compression"), ("doctype", "DOCTYPE")],
)
def test_it_refuses_a_hostile_export_and_saves_nothing(platform, pki, cite_college, year, tmp_path, hostile, reason):  # noqa: F811
    install(cite_college, year, client_entry(pki))
    platform.control(hostile_export=hostile)
    with pytest.raises(ExportRefused) as refused:
        services.fetch_exports_to(establishment=cite_college, year=year, out_dir=tmp_path)
    assert "a été refusé" in refused.value.message and "n'a pas été enregistré" in refused.value.message
    assert reason.lower() in refused.value.message.lower()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("faults", "limit", "words"),
    [
        ({"huge_export_bytes": 3 * 1024 * 1024}, {"NETSYNCHRO_MAX_EXPORT_BYTES": 1024 * 1024}, "taille maximale"),
        ({"drip_seconds": 0.3}, {"NETSYNCHRO_REQUEST_DEADLINE": 1.0}, "délai maximal"),
    ],
    ids=["huge-body", "drip"],
)
def test_the_command_fails_with_a_french_message_and_saves_nothing(
    platform,  # noqa: F811
    pki,
    cite_college,
    year,
    tmp_path,
    settings,
    faults,
    limit,
    words,
):
    install(cite_college, year, client_entry(pki))
    platform.control(**faults)
    for name, value in limit.items():
        setattr(settings, name, value)
    code, printed = run_fetch("--uai", UAI, "--year", str(year), "--kind", "eleves", "--out", str(tmp_path))
    assert code == 1 and words in printed["error"], printed
    assert list(tmp_path.iterdir()) == []


DOCUMENTED = {
    "NETSYNCHRO_TIMEOUT": ("3", 3.0),
    "NETSYNCHRO_CONNECT_TIMEOUT": ("4", 4.0),
    "NETSYNCHRO_REQUEST_DEADLINE": ("30", 30.0),
    "NETSYNCHRO_JOB_DEADLINE": ("90", 90.0),
    "NETSYNCHRO_MAX_EXPORT_BYTES": ("1048576", 1048576),
    "NETSYNCHRO_RETRY_ATTEMPTS": ("2", 2),
    "NETSYNCHRO_RETRY_BACKOFF": ("0.25", 0.25),
    "NETSYNCHRO_RETRY_AFTER_MIN": ("2", 2.0),
    "NETSYNCHRO_RETRY_AFTER_MAX": ("30", 30.0),
    "NETSYNCHRO_DEPOSIT_WAIT": ("120", 120.0),
    "NETSYNCHRO_POLL_INTERVAL": ("5", 5.0),
    "NETSYNCHRO_SANDBOX": (
        '{"students": 300, "faults": {"latency": 0.5}}',
        {"students": 300, "faults": {"latency": 0.5}},
    ),
}


def test_it_reads_every_documented_setting_from_the_environment():
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {sorted(DOCUMENTED)!r}}}))"
    )
    env = {**os.environ, **{name: text for name, (text, _value) in DOCUMENTED.items()}}
    env["DJANGO_SETTINGS_MODULE"] = "netsync_portal.settings.test"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {n: v for n, (_t, v) in DOCUMENTED.items()}


def test_it_documents_every_setting_it_reads():
    """The README table lists the client's settings; the sandbox's one is in docs/netsynchro.md."""
    docs = open(os.path.join(ROOT, "docs", "netsynchro.md"), encoding="utf-8").read()
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    for name in DOCUMENTED:
        assert name in docs and (name in readme or name == "NETSYNCHRO_SANDBOX"), name
