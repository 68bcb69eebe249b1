"""« Avec nomenclatures » and « Importer la répartition des élèves dans les groupes », on and off."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from siecle.models import (
    CodeLabel,
    Division,
    Group,
    GroupDivision,
    Mef,
    StudentDivision,
    StudentGroup,
    StudentOption,
    Subject,
)
from tests.siecle.helpers import import_args, make_set, run_import, write_set

pytestmark = pytest.mark.django_db


def test_with_nomenclatures_loads_mefs_subjects_code_tables_and_options(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data), "--with-nomenclatures"))
    assert code == 0, out
    with scopes_disabled():
        assert Mef.objects.count() == len(data.mefs) and Subject.objects.count() == len(data.subjects)
        assert CodeLabel.objects.filter(table="MOTIFS_SORTIE").exists() or CodeLabel.objects.exists()
        assert StudentOption.objects.count() == len(
            {(o.eleve_id, o.subject_code, o.modality_code) for o in data.people.options}
        )


def test_without_nomenclatures_neither_the_tables_nor_the_options_are_loaded(cite_college, tmp_path):
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, make_set(cite_college.uai))))
    assert code == 0
    assert any("Nomenclatures ignoré" in warning for warning in out["warnings"])
    with scopes_disabled():
        assert not Mef.objects.exists() and not Subject.objects.exists() and not StudentOption.objects.exists()


def test_with_nomenclatures_needs_the_nomenclatures_file(cite_college, tmp_path):
    paths = write_set(tmp_path, make_set(cite_college.uai), ("ElevesAvecAdresses",))
    code, out = run_import(*import_args(cite_college.uai, paths, "--with-nomenclatures"))
    assert code == 1 and "Nomenclatures" in out["error"]


def test_groups_option_imports_group_memberships(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data), "--groups"))
    assert code == 0
    expected = {(b.eleve_id, g) for b in data.people.structures for g in b.groups}
    with scopes_disabled():
        assert StudentGroup.objects.count() == len(expected) > 0
        assert out["groups"]["created"] == Group.objects.count() > 0
        assert GroupDivision.objects.exists()


def test_without_groups_option_only_divisions_are_imported(cite_college, tmp_path):
    data = make_set(cite_college.uai)
    code, out = run_import(*import_args(cite_college.uai, write_set(tmp_path, data)))
    assert code == 0
    expected = {(b.eleve_id, d) for b in data.people.structures for d in b.divisions}
    with scopes_disabled():
        assert not StudentGroup.objects.exists()
        assert StudentDivision.objects.count() == len(expected) > 0
        assert out["divisions"]["created"] == Division.objects.count() > 0


def test_groups_later_then_off_keeps_memberships_untouched(cite_college, tmp_path):
    paths = write_set(tmp_path, make_set(cite_college.uai))
    run_import(*import_args(cite_college.uai, paths, "--groups"))
    with scopes_disabled():
        count = StudentGroup.objects.count()
    code, out = run_import(*import_args(cite_college.uai, paths))
    assert code == 0 and out["changed"] is False
    with scopes_disabled():
        assert StudentGroup.objects.count() == count
