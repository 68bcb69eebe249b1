"""First import, re-import, full snapshot versus « Conserver les élèves déjà présents », matching."""

from __future__ import annotations

import dataclasses

import pytest
from django_scopes import scopes_disabled

from siecle.models import ImportRun, Student, StudentChange
from tests.siecle.helpers import dump_siecle, import_args, make_set, run_import, write_set

pytestmark = pytest.mark.django_db


def _active(data):
    return [s for s in data.people.students if not s.has_left(data.export_date)]


def test_it_imports_every_pupil_departed_and_without_ine_included(cite_college, tmp_path):
    data = make_set(cite_college.uai, students=80)
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data)))
    assert code == 0, out
    assert out["students"] == {"created": 80, "updated": 0, "left": 0, "unchanged": 0}
    assert out["errors"] == [] and out["dry_run"] is False
    departed = [s for s in data.people.students if s.has_left(data.export_date)]
    with scopes_disabled():
        assert Student.objects.filter(establishment=cite_college).count() == 80
        stored_departed = Student.objects.filter(is_active=False)
        assert stored_departed.count() == len(departed) > 0
        assert all(s.exit_reason_code for s in stored_departed if s.exit_date)
        assert Student.objects.filter(ine="").count() == sum(1 for s in data.people.students if not s.ine)


def test_a_second_import_of_the_same_files_changes_nothing_and_says_so(cite_college, tmp_path):
    paths = write_set(tmp_path, make_set(cite_college.uai))
    args = import_args(cite_college.uai, paths, "--with-nomenclatures", "--groups")
    run_import(*args)
    before = dump_siecle(with_runs=False)
    code, out = run_import(*args)
    assert code == 0
    assert out["changed"] is False
    assert out["students"]["created"] == out["students"]["updated"] == out["students"]["left"] == 0
    assert out["guardians"]["created"] == out["guardians"]["updated"] == 0
    assert out["links"] == {**out["links"], "created": 0, "updated": 0, "deleted": 0}
    assert out["divisions"]["created"] == out["groups"]["created"] == 0
    assert dump_siecle(with_runs=False) == before
    with scopes_disabled():
        assert ImportRun.objects.count() == 2
        assert not StudentChange.objects.filter(run=ImportRun.objects.order_by("created_at").last()).exists()


def test_a_dry_run_writes_nothing(cite_college, tmp_path):
    paths = write_set(tmp_path, make_set(cite_college.uai))
    code, out = run_import(*import_args(cite_college.uai, paths, "--dry-run"))
    assert code == 0 and out["dry_run"] is True and out["students"]["created"] == 60
    assert all(rows == [] for rows in dump_siecle().values())


def test_a_full_snapshot_marks_absent_pupils_left_never_deleted(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    gone = _active(data)[:3]
    data.people.students = [s for s in data.people.students if s not in gone]
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data)))
    assert code == 0 and out["students"]["left"] == 3 and out["students"]["created"] == 0
    with scopes_disabled():
        stored = Student.objects.filter(eleve_id__in=[s.eleve_id for s in gone])
        assert stored.count() == 3 and not any(s.is_active for s in stored)
        assert all(s.missing_from_import for s in stored)
        assert StudentChange.objects.filter(action="left").count() == 3


def test_keep_existing_leaves_absent_pupils_present(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    gone = _active(data)[:3]
    data.people.students = [s for s in data.people.students if s not in gone]
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data), "--keep-existing"))
    assert code == 0 and out["students"]["left"] == 0
    with scopes_disabled():
        assert all(s.is_active for s in Student.objects.filter(eleve_id__in=[s.eleve_id for s in gone]))


def test_changed_fields_are_reported_and_recorded(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    target = _active(data)[0]
    data.people.students = [
        dataclasses.replace(s, first_name="Zébulon") if s is target else s for s in data.people.students
    ]
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data)))
    assert out["students"]["updated"] == 1 and out["students"]["unchanged"] == 59
    with scopes_disabled():
        change = StudentChange.objects.get(action="updated")
        assert change.changed_fields == ["first_name"] and change.student.first_name == "Zébulon"


def test_a_pupil_whose_eleve_id_changed_is_matched_by_ine(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    target = next(s for s in _active(data) if s.ine)
    data.people.students = [
        dataclasses.replace(s, eleve_id="9999999") if s is target else s for s in data.people.students
    ]
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path / "b", data, ("ElevesAvecAdresses",))))
    assert out["students"]["created"] == 0 and out["students"]["updated"] == 1
    with scopes_disabled():
        assert Student.objects.get(ine=target.ine).eleve_id == "9999999"


def test_the_same_files_after_a_change_in_the_database_are_imported_again(cite_college, tmp_path):
    """The no-op shortcut trusts the last run only while a fingerprint of the stored rows still matches."""
    paths = write_set(tmp_path, make_set(cite_college.uai))
    run_import(*import_args(cite_college.uai, paths))
    with scopes_disabled():
        student = Student.objects.filter(is_active=True).first()
        Student.objects.filter(pk=student.pk).update(first_name="Modifié à la main")
    code, out = run_import(*import_args(cite_college.uai, paths))
    assert out["changed"] is True and out["students"]["updated"] == 1
    with scopes_disabled():
        student.refresh_from_db()
        assert student.first_name != "Modifié à la main"
    code, out = run_import(*import_args(cite_college.uai, paths, "--keep-existing"))  # other options: analysed again
    assert out["changed"] is False and out["students"]["unchanged"] == 60


def test_the_run_records_who_when_options_and_files(cite_college, tmp_path):
    paths = write_set(tmp_path, make_set(cite_college.uai), ("ElevesAvecAdresses", "Structures"))
    run_import(*import_args(cite_college.uai, paths, "--groups"))
    with scopes_disabled():
        run = ImportRun.objects.get()
        assert run.actor_label == "ligne de commande" and run.user is None
        assert run.options == {"with_nomenclatures": False, "keep_existing": False, "groups": True}
        assert {item["kind"] for item in run.files} == {"eleves", "structures"}
        assert all(len(item["sha256"]) == 64 for item in run.files)
        assert run.summary["students"]["created"] == 60
        assert StudentChange.objects.filter(run=run, action="created").count() == 60


def test_the_service_analysis_writes_nothing_and_names_changed_fields(cite_college, tmp_path):
    from siecle.importing import ImportFile, ImportOptions, import_analyse

    data = make_set(cite_college.uai)
    paths = write_set(tmp_path / "a", data)
    run_import(*import_args(cite_college.uai, paths))
    target = _active(data)[0]
    data.people.students = [dataclasses.replace(s, regime_code="3") if s is target else s for s in data.people.students]
    files = [ImportFile.from_path(path) for path in write_set(tmp_path / "b", data)]
    before = dump_siecle()
    analysis = import_analyse(establishment=cite_college, school_year=2026, files=files, options=ImportOptions())
    assert dump_siecle() == before
    if target.regime_code != "3":
        assert analysis.summary(dry_run=True)["students"]["updated"] == 1
        assert [h.changed_fields for h in analysis.plan.history] == [["regime_code"]]


def test_the_analysis_lists_each_pupils_change(cite_college, tmp_path):
    from siecle.importing import ImportFile, ImportOptions, import_analyse

    data = make_set(cite_college.uai)
    run_import(*import_args(cite_college.uai, write_set(tmp_path / "a", data)))
    target = _active(data)[0]
    data.people.students = [
        dataclasses.replace(s, last_name="NOUVEAU") if s is target else s for s in data.people.students
    ]
    files = [ImportFile.from_path(path) for path in write_set(tmp_path / "b", data)]
    analysis = import_analyse(establishment=cite_college, school_year=2026, files=files, options=ImportOptions())
    assert analysis.student_changes() == [
        {
            "eleve_id": target.eleve_id,
            "name": f"{target.usage_name or 'NOUVEAU'} {target.first_name}".strip(),
            "action": "updated",
            "fields": ["last_name"],
        }
    ]
