"""Students of an establishment and year: cursor pages, filters, accent-insensitive search; one student
with guardians."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from api.apis.students import LIST_COLUMNS, StudentOutput, student_list_output
from api.renderers import api_json
from establishments.school_years import current_school_year
from siecle.models import Student
from siecle.selectors import student_division_refs
from tests.siecle.factories import (
    GuardianLinkFactory,
    StudentDivisionFactory,
    StudentFactory,
    StudentGroupFactory,
)

pytestmark = pytest.mark.django_db


def _students_url(establishment) -> str:
    return reverse("api:students", kwargs={"uai": establishment.uai})


def _names(response) -> list[str]:
    return [row["last_name"] for row in response.json()["results"]]


def test_it_pages_students_with_a_cursor(api_for, admin_user, cite_college):
    for name in ["Bernard", "Durand", "Martin", "Petit", "Robert"]:
        StudentFactory(establishment=cite_college, last_name=name)
    client = api_for(admin_user)
    first = client.get(_students_url(cite_college), {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert [row["last_name"] for row in first["results"] + second["results"]] == [
        "Bernard",
        "Durand",
        "Martin",
        "Petit",
    ]


def test_it_finds_names_without_accents(api_for, admin_user, cite_college):
    StudentFactory(establishment=cite_college, last_name="Lefèvre", first_name="Hélène")
    StudentFactory(establishment=cite_college, last_name="Lefebvre", first_name="Léa")
    response = api_for(admin_user).get(_students_url(cite_college), {"search": "lefevre helene"})
    assert _names(response) == ["Lefèvre"]


def test_it_finds_names_spelt_with_a_ligature(api_for, admin_user, cite_college):
    StudentFactory(establishment=cite_college, last_name="Cœur")
    response = api_for(admin_user).get(_students_url(cite_college), {"search": "coeur"})
    assert _names(response) == ["Cœur"]


def test_it_finds_a_student_by_ine(api_for, admin_user, cite_college):
    StudentFactory(establishment=cite_college, last_name="Martin", ine="123456789AB")
    StudentFactory(establishment=cite_college, last_name="Petit")
    assert _names(api_for(admin_user).get(_students_url(cite_college), {"search": "123456789ab"})) == ["Martin"]


def test_it_filters_by_division(api_for, admin_user, cite_college):
    membership = StudentDivisionFactory(student__establishment=cite_college, student__last_name="Martin")
    StudentFactory(establishment=cite_college, last_name="Petit")
    response = api_for(admin_user).get(_students_url(cite_college), {"division": str(membership.division_id)})
    assert _names(response) == ["Martin"]


def test_it_lists_each_students_divisions(api_for, admin_user, cite_college):
    membership = StudentDivisionFactory(student__establishment=cite_college, division__code="3A")
    row = api_for(admin_user).get(_students_url(cite_college)).json()["results"][0]
    assert row["divisions"] == [{"id": str(membership.division_id), "code": "3A"}]


def test_it_filters_by_group(api_for, admin_user, cite_college):
    membership = StudentGroupFactory(student__establishment=cite_college, student__last_name="Martin")
    StudentFactory(establishment=cite_college, last_name="Petit")
    assert _names(api_for(admin_user).get(_students_url(cite_college), {"group": str(membership.group_id)})) == [
        "Martin"
    ]


@pytest.mark.parametrize(
    ("status", "expected"), [("active", ["Martin"]), ("left", ["Petit"]), ("all", ["Martin", "Petit"])]
)
def test_it_filters_present_and_left_students(api_for, admin_user, cite_college, status, expected):
    StudentFactory(establishment=cite_college, last_name="Martin")
    StudentFactory(establishment=cite_college, last_name="Petit", is_active=False)
    assert _names(api_for(admin_user).get(_students_url(cite_college), {"status": status})) == expected


def test_it_lists_the_requested_school_year_only(api_for, admin_user, cite_college):
    year = current_school_year()
    StudentFactory(establishment=cite_college, last_name="Martin", school_year=year - 1)
    StudentFactory(establishment=cite_college, last_name="Petit", school_year=year)
    assert _names(api_for(admin_user).get(_students_url(cite_college), {"year": year - 1})) == ["Martin"]


def test_it_refuses_a_year_outside_the_offered_range_in_french(api_for, admin_user, cite_college):
    body = api_for(admin_user).get(_students_url(cite_college), {"year": 1990}).json()
    assert (body["code"], body["fields"]["year"][0][:23]) == ("invalid", "Année scolaire inconnue")


def test_it_refuses_a_damaged_cursor_with_400(api_for, admin_user, cite_college):
    response = api_for(admin_user).get(_students_url(cite_college), {"cursor": "pas-un-curseur"})
    assert (response.status_code, list(response.json()["fields"])) == (400, ["cursor"])


def test_it_shows_a_student_with_guardians(api_for, admin_user, cite_college):
    link = GuardianLinkFactory(
        student__establishment=cite_college, guardian__last_name="Durand", relationship_code="10"
    )
    url = reverse("api:student", kwargs={"uai": cite_college.uai, "student_id": link.student_id})
    guardian = api_for(admin_user).get(url).json()["guardians"][0]
    assert (guardian["last_name"], guardian["relationship_label"], guardian["legal_label"]) == (
        "Durand",
        "Mère",
        "Représentant légal",
    )


def test_it_answers_404_to_a_student_of_a_sibling_establishment(api_for, admin_user, cite_college, cite_lycee):
    student = StudentFactory(establishment=cite_lycee)
    url = reverse("api:student", kwargs={"uai": cite_college.uai, "student_id": student.pk})
    assert api_for(admin_user).get(url).status_code == 404


def test_it_answers_404_to_a_student_of_another_organisation(api_for, outsider, other_college, cite_college):
    student = StudentFactory(establishment=cite_college)
    url = reverse("api:student", kwargs={"uai": other_college.uai, "student_id": student.pk})
    assert api_for(outsider).get(url).status_code == 404


def test_it_walks_every_pupil_once_when_many_share_a_last_name(api_for, admin_user, cite_college):
    for first_name in ["Léa", "Hugo", "Inès", "Jules", "Zoé", "Adam", "Emma"]:
        StudentFactory(establishment=cite_college, last_name="Martin", first_name=first_name)
    client, seen = api_for(admin_user), []
    url = _students_url(cite_college) + "?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [row["first_name"] for row in body["results"]]
        url = body["next"]
    assert seen == ["Adam", "Emma", "Hugo", "Inès", "Jules", "Léa", "Zoé"]


def test_it_reads_a_page_in_the_same_number_of_queries_whatever_its_size(
    api_for, admin_user, cite_college, django_assert_max_num_queries
):
    for _ in range(30):
        StudentDivisionFactory(student__establishment=cite_college)
    client = api_for(admin_user)
    with django_assert_max_num_queries(10):
        assert len(client.get(_students_url(cite_college)).json()["results"]) == 30


def test_the_list_rows_are_the_documented_student_output(cite_college):
    """The list builds its rows without the serializer's fields (bench/api.py): the same document."""
    StudentDivisionFactory(
        student__establishment=cite_college,
        student__birth_date=datetime.date(2012, 3, 4),
        student__entry_date=datetime.date(2026, 9, 1),
        division__code="3A",
    )
    StudentDivisionFactory(
        student__establishment=cite_college,
        student__is_active=False,
        student__exit_date=datetime.date(2026, 11, 15),
        division__code="4B",
    )
    with scopes_disabled():
        students = list(Student.objects.order_by("last_name"))
        divisions = student_division_refs(establishment=cite_college, student_ids=[s.pk for s in students])
        rows = list(Student.objects.order_by("last_name").values(*LIST_COLUMNS))
    documented = StudentOutput(students, many=True, context={"divisions": divisions}).data
    assert api_json(student_list_output(rows, divisions)) == api_json(documented)
