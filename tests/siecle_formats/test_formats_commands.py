"""The two management commands, run as a user would (subprocess, test settings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "netsync_portal.settings.test"}


def _manage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120
    )


def test_siecle_generate_writes_the_four_zips_and_lists_them(tmp_path):
    run = _manage(
        "siecle_generate",
        "--uai",
        "0310053P",
        "--year",
        "2024",
        "--students",
        "120",
        "--seed",
        "5",
        "--out",
        str(tmp_path),
        "--responsables-format",
        "old",
    )
    assert run.returncode == 0, run.stderr
    files = json.loads(run.stdout)["files"]
    assert [Path(f).name for f in files] == [
        "ExportXML_ElevesAvecAdresses.zip",
        "ExportXML_ResponsablesAvecAdresses.zip",
        "ExportXML_Nomenclature.zip",
        "ExportXML_Structures.zip",
    ]
    assert all(Path(f).is_file() for f in files)


def test_siecle_check_prints_one_json_line_per_file_and_exits_0(tmp_path):
    _manage(
        "siecle_generate",
        "--uai",
        "0310053P",
        "--year",
        "2024",
        "--students",
        "120",
        "--seed",
        "5",
        "--out",
        str(tmp_path),
    )
    files = sorted(str(p) for p in tmp_path.glob("*.zip"))
    run = _manage("siecle_check", *files)
    assert run.returncode == 0, run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["kind"] for r in results] == ["eleves", "nomenclatures", "responsables", "structures"]
    eleves = results[0]
    assert set(eleves) == {"file", "kind", "version", "uai", "year", "encoding", "counts", "errors", "warnings"}
    assert (eleves["uai"], eleves["year"], eleves["encoding"]) == ("0310053P", 2024, "ISO-8859-15")
    assert eleves["counts"]["students"] == 120 and 0 < eleves["counts"]["current_students"] < 120
    assert results[2]["counts"]["links"] > results[2]["counts"]["persons"] // 2


def test_siecle_check_exits_1_when_a_file_is_refused(tmp_path):
    good = tmp_path / "Structures.xml"
    good.write_bytes(
        b'<?xml version="1.0"?><BEE_STRUCTURES VERSION="2.0"><PARAMETRES><UAJ>0310053P</UAJ>'
        b"<ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE></PARAMETRES><DONNEES/></BEE_STRUCTURES>"
    )
    bad = tmp_path / "broken.xml"
    bad.write_bytes(b'<?xml version="1.0"?><BEE_ELEVES><PARAMETRES><UAJ>0310053P</UAJ></PARAMETRES><DONNEES>')
    run = _manage("siecle_check", str(good), str(bad))
    assert run.returncode == 1
    first, second = (json.loads(line) for line in run.stdout.splitlines())
    assert first["errors"] == [] and first["counts"] == {"divisions": 0, "groups": 0}
    assert second["kind"] == "eleves" and second["errors"][0]["code"] == "XML_MALFORMED"
    assert "ligne 1" in second["errors"][0]["message"]


def test_siecle_check_reports_an_unknown_root_with_a_null_kind(tmp_path):
    other = tmp_path / "sts_emp_0310053P_2024.xml"
    other.write_bytes(b'<?xml version="1.0"?><STS_EDT><PARAMETRES/></STS_EDT>')
    run = _manage("siecle_check", str(other))
    result = json.loads(run.stdout)
    assert run.returncode == 1
    assert (result["kind"], result["errors"][0]["code"]) == (None, "WRONG_ROOT")
