"""``export_ministry``: the JSON contract, the file written, exit 1 with no file when checks block."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from exports.formats import read_import_eleves
from tests.commands import run_json_command
from tests.exports.helpers import build_sample

pytestmark = pytest.mark.django_db
YEAR = current_school_year()


def test_it_writes_the_file_and_prints_the_contract(cite_college, tmp_path):
    build_sample(cite_college, YEAR)
    output = tmp_path / "groupes.xml"
    code, printed = run_json_command(
        "export_ministry", "--uai", "0691234S", "--year", str(YEAR), "--target", "siecle-bee", "--output", str(output)
    )
    assert code == 0
    assert printed == {
        "target": "siecle-bee",
        "output": str(output),
        "bytes": output.stat().st_size,
        "checks": {"errors": [], "warnings": []},
        "deposit": None,
    }
    assert [p.eleve_id for p in read_import_eleves(output.read_bytes()).pupils] == ["145770", "145771", "145772"]


def test_it_exits_1_without_writing_when_checks_block(cite_college, tmp_path):
    sample = build_sample(cite_college, YEAR)
    with scopes_disabled():
        type(sample.subjects[0]).objects.filter(pk=sample.subjects[0].pk).update(code="FRA")
    output = tmp_path / "emp_sts.xml"
    code, printed = run_json_command(
        "export_ministry", "--uai", "0691234S", "--year", str(YEAR), "--target", "sts-web", "--output", str(output)
    )
    assert code == 1 and not output.exists()
    assert printed["bytes"] == 0 and "FRANCAIS" in printed["checks"]["errors"][0]


def test_it_deposits_with_deposit_and_prints_the_final_status(cite_college, tmp_path, platform):
    build_sample(cite_college, YEAR)
    output = tmp_path / "emp_sts.xml"
    code, printed = run_json_command(
        "export_ministry", "--uai", "0691234S", "--year", str(YEAR), "--target", "sts-web", "--output", str(output),
        "--deposit",
    )  # fmt: skip
    assert code == 0 and printed["deposit"]["status"] == "integre" and printed["deposit"]["id"]
