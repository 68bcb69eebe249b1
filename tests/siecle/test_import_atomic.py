"""All or nothing: a failure in the middle of the write leaves the database exactly as before."""

from __future__ import annotations

import dataclasses

import pytest

from siecle.importing import bulk
from siecle.models import StudentDivision
from tests.siecle.helpers import dump_siecle, import_args, make_set, run_import, write_set

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("failing_step", ["insert", "update", "delete"])
def test_a_failure_in_the_middle_of_apply_rolls_everything_back(cite_college, tmp_path, monkeypatch, failing_step):
    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data), "--with-nomenclatures", "--groups"))
    before = dump_siecle()
    active = [s for s in data.people.students if not s.has_left(data.export_date)]
    data.people.students = (
        [dataclasses.replace(s, first_name="Changé") for s in active[:5]]
        + [dataclasses.replace(s, eleve_id=f"8{s.eleve_id}", ine=None) for s in active[5:10]]
        + active[12:]
    )
    data.people.structures = [b for b in data.people.structures if b.eleve_id != active[11].eleve_id]
    original = {"insert": bulk.insert_rows, "update": bulk.update_rows, "delete": bulk.delete_ids}[failing_step]

    def failing(model, *args):
        if model is StudentDivision or (failing_step == "update" and model._meta.model_name == "student"):
            original(model, *args)  # write part of it first, then fail
            raise RuntimeError("panne simulée")
        return original(model, *args)

    monkeypatch.setattr(
        bulk, {"insert": "insert_rows", "update": "update_rows", "delete": "delete_ids"}[failing_step], failing
    )
    with pytest.raises(RuntimeError, match="panne simulée"):
        run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data), "--with-nomenclatures", "--groups"))
    assert dump_siecle() == before
