"""The STS import: analyse writes nothing, apply writes everything in one go, a re-import changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from siecle.models import CodeLabel, Division, Group, GroupDivision, Subject
from tests.siecle.factories import DivisionFactory
from tests.timetables.helpers import sts_xml
from timetables.importing import sts_import_analyse, sts_import_apply
from timetables.models import Service, Teacher

pytestmark = pytest.mark.django_db


def _apply(establishment, data=None):
    return sts_import_apply(establishment=establishment, school_year=2026, source=data or sts_xml())


def test_it_analyses_without_writing(cite_college):
    result = sts_import_analyse(establishment=cite_college, school_year=2026, source=sts_xml())
    assert result.changes["teachers"]["created"] == 2
    with scopes_disabled():
        assert not Teacher.objects.exists()


def test_it_counts_the_records_of_the_file(cite_college):
    result = _apply(cite_college)
    assert result.counts == {"teachers": 2, "subjects": 2, "divisions": 2, "groups": 1, "services": 2}


def test_it_creates_teachers_structures_and_services(cite_college):
    _apply(cite_college)
    with scopes_disabled():
        service = Service.objects.get(group__code="6 ESP")
        assert (service.teacher.last_name, service.subject.code, service.sts_hours) == (
            "GARCIA",
            "030602",
            Decimal("2"),
        )
        assert GroupDivision.objects.filter(group__code="6 ESP").count() == 2


def test_it_stores_course_modalities_as_a_code_table(cite_college):
    _apply(cite_college)
    with scopes_disabled():
        assert CodeLabel.objects.get(table="MODS_COURS", code="CG").long_label == "COURS GENERAL"


def test_it_changes_nothing_on_a_second_import(cite_college):
    _apply(cite_college)
    again = _apply(cite_college)
    assert not again.changes_anything
    assert again.changes["services"]["unchanged"] == 2


def test_it_reuses_the_divisions_siecle_imported(cite_college):
    DivisionFactory(establishment=cite_college, school_year=2026, code="6 A", label="Sixième A (SIECLE)")
    _apply(cite_college)
    with scopes_disabled():
        divisions = Division.objects.filter(establishment=cite_college, code="6 A")
        assert [d.label for d in divisions] == ["Sixième A (SIECLE)"]


def test_it_fills_a_blank_subject_label_siecle_left(cite_college):
    with scopes_disabled():
        Subject.objects.create(establishment=cite_college, school_year=2026, code="030602")
    _apply(cite_college)
    with scopes_disabled():
        assert Subject.objects.get(establishment=cite_college, code="030602").long_label == "ESPAGNOL LV2"


def test_it_deletes_services_no_longer_in_the_file(cite_college):
    extra = '<SERVICE CODE_MATIERE="030602" CODE_MOD_COURS="CG"><ENSEIGNANTS><ENSEIGNANT ID="4189"/></ENSEIGNANTS></SERVICE>'
    _apply(cite_college, sts_xml(services=extra))
    result = _apply(cite_college)
    assert result.changes["services"]["deleted"] == 1


def test_it_updates_a_teacher_whose_name_changed(cite_college):
    _apply(cite_college)
    _apply(cite_college, sts_xml().replace(b"<NOM_USAGE>DUPONT", b"<NOM_USAGE>DURAND"))
    with scopes_disabled():
        assert Teacher.objects.get(establishment=cite_college, sts_id="4189").last_name == "DURAND"


def test_it_writes_nothing_for_another_establishments_file(cite_college):
    result = _apply(cite_college, sts_xml(uai="0691235T"))
    assert result.refused
    with scopes_disabled():
        assert not Group.objects.exists()


def test_it_keeps_each_establishment_apart(cite_college, cite_lycee):
    _apply(cite_college)
    _apply(cite_lycee, sts_xml(uai="0691235T"))
    with scopes_disabled():
        assert Teacher.objects.filter(establishment=cite_lycee).count() == 2
        assert Teacher.objects.filter(establishment=cite_college).count() == 2


def test_it_reports_progress(cite_college):
    steps = []
    sts_import_apply(
        establishment=cite_college, school_year=2026, source=sts_xml(), progress=lambda p, label: steps.append(p)
    )
    assert steps[-1] == 100
