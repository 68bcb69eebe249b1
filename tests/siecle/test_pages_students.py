"""Pages of students and structures: content, filters, year, and isolation (persona tests)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from establishments.school_years import current_school_year
from tests.factories import MembershipFactory, UserFactory
from tests.siecle.factories import (
    DivisionFactory,
    GroupFactory,
    GuardianLinkFactory,
    StudentDivisionFactory,
    StudentFactory,
)
from tests.siecle.helpers import import_args, make_set, run_import, write_set

pytestmark = pytest.mark.django_db


def _students_url(establishment, **query) -> str:
    url = reverse("siecle:students", kwargs={"uai": establishment.uai})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_it_lists_searches_and_filters_students(client_for, admin_user, cite_college):
    membership = StudentDivisionFactory(
        student__establishment=cite_college, student__last_name="DURAND", student__ine="123456789AB"
    )
    StudentFactory(establishment=cite_college, last_name="MARTIN")
    StudentFactory(establishment=cite_college, last_name="PARTI", is_active=False)
    client = client_for(admin_user)
    page = client.get(_students_url(cite_college)).content.decode()
    assert "DURAND" in page and "MARTIN" in page and "PARTI" not in page
    assert "MARTIN" not in client.get(_students_url(cite_college, q="durand")).content.decode()
    assert "DURAND" in client.get(_students_url(cite_college, q="123456789AB")).content.decode()
    filtered = client.get(_students_url(cite_college, division=membership.division.pk)).content.decode()
    assert "DURAND" in filtered and "MARTIN" not in filtered
    assert "PARTI" in client.get(_students_url(cite_college, statut="sortis")).content.decode()


def test_it_shows_the_requested_school_year_only(client_for, admin_user, cite_college):
    StudentFactory(establishment=cite_college, last_name="ANCIEN", school_year=current_school_year() - 1)
    client = client_for(admin_user)
    assert "ANCIEN" not in client.get(_students_url(cite_college)).content.decode()
    assert "ANCIEN" in client.get(_students_url(cite_college, annee=current_school_year() - 1)).content.decode()
    assert client.get(_students_url(cite_college, annee=1990)).status_code == 404


def test_the_student_page_shows_identity_guardians_and_history(client_for, concepteur_user, cite_college, tmp_path):
    data = make_set(cite_college.uai, year=current_school_year())
    run_import(
        *import_args(
            cite_college.uai, write_set(tmp_path, data), "--with-nomenclatures", "--groups", year=current_school_year()
        )
    )
    from django_scopes import scopes_disabled

    from siecle.models import Student

    with scopes_disabled():
        student = Student.objects.filter(guardian_links__legal_level=1, options__isnull=False).first()
    url = reverse("siecle:student", kwargs={"uai": cite_college.uai, "student_id": student.pk})
    page = client_for(concepteur_user).get(url).content.decode()
    assert student.first_name in page and "Représentant légal" in page
    assert "créé" in page and "ligne de commande" in page


def test_the_structure_pages_list_members(client_for, admin_user, cite_college):
    membership = StudentDivisionFactory(student__establishment=cite_college, student__last_name="DURAND")
    GroupFactory(establishment=cite_college, code="3LAT")
    client = client_for(admin_user)
    listing = client.get(reverse("siecle:structures", kwargs={"uai": cite_college.uai})).content.decode()
    assert membership.division.code in listing and "3LAT" in listing
    detail = reverse("siecle:structure", kwargs={"uai": cite_college.uai, "structure_id": membership.division.pk})
    assert "DURAND" in client.get(detail).content.decode()


def test_it_checks_ownership_a_student_of_another_establishment_is_404(
    client_for, admin_user, outsider, cite_college, cite_lycee, other_college
):
    """Charlie (another organisation) and, within the cité, the URL of another UAI: 404."""
    student = StudentFactory(establishment=cite_college)
    foreign = StudentFactory(establishment=other_college)
    division = DivisionFactory(establishment=cite_college)
    url = reverse("siecle:student", kwargs={"uai": cite_college.uai, "student_id": student.pk})
    assert client_for(outsider).get(url).status_code == 404
    # Charlie's own UAI with a student id of the cité: 404 too.
    own_uai = reverse("siecle:student", kwargs={"uai": other_college.uai, "student_id": student.pk})
    assert client_for(outsider).get(own_uai).status_code == 404
    # A member of the cité asking for a college student under the lycée's UAI, or a foreign student: 404.
    alice = client_for(admin_user)
    assert alice.get(url).status_code == 200
    assert (
        alice.get(reverse("siecle:student", kwargs={"uai": cite_lycee.uai, "student_id": student.pk})).status_code
        == 404
    )
    assert (
        alice.get(reverse("siecle:student", kwargs={"uai": cite_college.uai, "student_id": foreign.pk})).status_code
        == 404
    )
    assert (
        alice.get(reverse("siecle:structure", kwargs={"uai": cite_lycee.uai, "structure_id": division.pk})).status_code
        == 404
    )


def test_a_member_limited_to_other_establishments_gets_404(client_for, cite_staff_user, cite_lp):
    student = StudentFactory(establishment=cite_lp)
    url = reverse("siecle:student", kwargs={"uai": cite_lp.uai, "student_id": student.pk})
    assert client_for(cite_staff_user).get(url).status_code == 404


def test_any_member_may_read_and_posts_are_refused(client_for, cite, cite_college):
    reader = MembershipFactory(user=UserFactory(), organisation=cite, is_administrateur=False, is_concepteur=True).user
    link = GuardianLinkFactory(student__establishment=cite_college)
    url = reverse("siecle:student", kwargs={"uai": cite_college.uai, "student_id": link.student.pk})
    client = client_for(reader)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_the_menu_offers_the_pages(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).content.decode()
    assert "Élèves" in page and "Divisions et groupes" in page
