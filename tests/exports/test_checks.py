"""Each pre-export check fires on a crafted case, with the object's name and the fixing page."""

from __future__ import annotations

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from establishments.scoping import establishment_scope
from exports.checks import run_checks
from exports.snapshot import snapshot_load
from siecle.models import Division, Group, GroupDivision, StudentGroup
from tests.exports.helpers import build_sample
from timetables.models import Course, Room, Teacher, WeekPattern

pytestmark = pytest.mark.django_db
YEAR = current_school_year()


@pytest.fixture
def sample(cite_college):
    return build_sample(cite_college, YEAR)


def findings(sample, target: str = "sts-web") -> dict[str, list]:
    with establishment_scope(sample.establishment):
        report = run_checks(snapshot_load(establishment=sample.establishment, school_year=YEAR), target)
    found: dict[str, list] = {}
    for finding in report.findings:
        found.setdefault(finding.code, []).append(finding)
    return found


def update(model, pk, **values) -> None:
    with scopes_disabled():
        model.objects.filter(pk=pk).update(**values)


def test_it_finds_nothing_wrong_in_a_clean_timetable(sample):
    assert findings(sample) == {}
    assert findings(sample, "siecle-bee") == {}


def test_it_blocks_a_subject_without_a_six_digit_national_code(sample):
    update(type(sample.subjects[0]), sample.subjects[0].pk, code="FRA")
    (finding,) = findings(sample)["subject_code"]
    assert finding.level == "error" and "FRANCAIS" in finding.message and finding.url.endswith("/matieres/")


def test_it_blocks_a_teacher_without_an_sts_identifier(sample):
    update(Teacher, sample.teachers[1].pk, sts_id="")
    (finding,) = findings(sample)["teacher_sts_id"]
    assert finding.level == "error" and sample.teachers[1].last_name in finding.message


def test_it_warns_about_a_group_without_a_parent_division(sample):
    with scopes_disabled():
        GroupDivision.objects.filter(group=sample.group).delete()
    (finding,) = findings(sample)["group_parent"]
    assert finding.level == "warning" and "3ESP GR1" in finding.message


def test_it_warns_about_a_structure_unknown_to_sts_and_siecle(sample):
    with scopes_disabled():
        Division.objects.create(establishment=sample.establishment, school_year=YEAR, code="3Z")
    (finding,) = findings(sample)["unknown_structure"]
    assert "3Z" in finding.message


def test_it_lists_a_course_without_teacher_as_not_exported(sample):
    with scopes_disabled():
        sample.courses[0].teachers.clear()
    (finding,) = findings(sample)["unplaced_course"]
    assert finding.excluded and "FRANCAIS du lundi 08h00 sans enseignant" in finding.message


@pytest.mark.parametrize(("change", "code"), [("teacher", "overlap_teacher"), ("room", "overlap_room")])
def test_it_reports_overlaps(sample, change, code):
    with scopes_disabled():
        clash = sample.courses[1]
        Course.objects.filter(pk=clash.pk).update(weekday=1, starts_at=dt.time(8, 30))
    found = findings(sample, "vie-etablissement")
    assert found[code][0].level == "error"
    assert findings(sample, "sts-web")[code][0].level == "warning"


def test_it_reports_a_student_structure_overlap(sample):
    update(Course, sample.courses[2].pk, weekday=1, starts_at=dt.time(8, 0))
    assert "overlap_structure" in findings(sample, "vie-etablissement")


def test_it_reports_a_course_outside_opening_hours(sample):
    update(Course, sample.courses[0].pk, starts_at=dt.time(18, 30))
    (finding,) = findings(sample, "vie-etablissement")["opening_hours"]
    assert "horaires d'ouverture" in finding.message


def test_it_lists_an_empty_week_pattern_and_its_courses(sample):
    update(WeekPattern, sample.pattern.pk, weeks=[])
    found = findings(sample)
    assert found["empty_week_pattern"][0].excluded
    assert len(found["unplaced_course"]) == 3


def test_it_blocks_weeks_outside_the_school_year(sample):
    update(WeekPattern, sample.pattern.pk, weeks=[f"{YEAR + 2}-01-04"])
    (finding,) = findings(sample)["week_outside_year"]
    assert finding.level == "error" and f"04/01/{YEAR + 2}" in finding.message


def test_it_blocks_a_pupil_in_a_group_of_another_division(sample):
    with scopes_disabled():
        other = Division.objects.create(
            establishment=sample.establishment, school_year=YEAR, code="4C", mef_codes=["x"]
        )
        lone = Group.objects.create(establishment=sample.establishment, school_year=YEAR, code="4LAT")
        GroupDivision.objects.create(establishment=sample.establishment, school_year=YEAR, group=lone, division=other)
        StudentGroup.objects.create(
            establishment=sample.establishment, school_year=YEAR, student=sample.pupils[0], group=lone
        )
    (finding,) = findings(sample, "siecle-bee")["pupil_group_division"]
    assert finding.level == "error" and "MARTIN" in finding.message and "4LAT" in finding.message


def test_it_blocks_sts_web_when_the_sts_data_is_of_another_year(sample):
    update(Teacher, sample.teachers[0].pk, school_year=YEAR - 1)
    update(Teacher, sample.teachers[1].pk, school_year=YEAR - 1)
    with scopes_disabled():
        Course.objects.filter(establishment=sample.establishment).delete()
    (finding,) = findings(sample)["sts_data"]
    assert finding.level == "error" and "concernent l'année" in finding.message


def test_it_blocks_a_name_iso_8859_15_cannot_hold(sample):
    with scopes_disabled():
        Room.objects.filter(code="S01").update(code="S01 ≠")
    (finding,) = findings(sample)["encoding"]
    assert finding.level == "error" and "≠" in finding.message


def test_it_blocks_a_pupil_without_a_siecle_eleve_id(sample):
    from siecle.models import Student

    update(Student, sample.pupils[1].pk, eleve_id="")
    (finding,) = findings(sample, "siecle-bee")["eleve_id"]
    assert (
        finding.level == "error"
        and "DURAND" in finding.message
        and finding.url.endswith(f"/eleves/{sample.pupils[1].pk}/")
    )
