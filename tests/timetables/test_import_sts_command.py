"""``manage.py import_sts``: its JSON contract and its refusals."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from tests.commands import run_json_command
from tests.timetables.helpers import sts_xml
from timetables.models import Teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def sts_file(tmp_path):
    path = tmp_path / "sts_emp_0691234S_2026.xml"
    path.write_bytes(sts_xml())
    return path


def test_it_prints_the_contracted_keys(cite_college, sts_file):
    code, payload = run_json_command("import_sts", "--uai", "0691234S", "--year", "2026", str(sts_file))
    assert code == 0
    assert set(payload) == {"uai", "year", "dry_run", "counts", "changes", "errors", "warnings"}
    assert set(payload["counts"]) == {"teachers", "subjects", "divisions", "groups", "services"}


def test_it_writes_nothing_on_a_dry_run(cite_college, sts_file):
    code, payload = run_json_command("import_sts", "--uai", "0691234S", "--year", "2026", "--dry-run", str(sts_file))
    assert (code, payload["dry_run"]) == (0, True)
    with scopes_disabled():
        assert not Teacher.objects.exists()


def test_it_exits_1_on_the_upload_file(cite_college, tmp_path):
    path = tmp_path / "emp_sts.xml"
    path.write_bytes(sts_xml(root="EDT_STS"))
    code, payload = run_json_command("import_sts", "--uai", "0691234S", "--year", "2026", str(path))
    assert code == 1
    assert "EDT_STS" in payload["error"]


def test_it_exits_1_for_an_unknown_uai(db, sts_file):
    code, payload = run_json_command("import_sts", "--uai", "0999999Z", "--year", "2026", str(sts_file))
    assert code == 1
    assert "inconnu" in payload["error"]
