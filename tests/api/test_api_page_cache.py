"""Pages of students are cached until an import changes the data: never served stale once it commits,
never across establishments, filters or members."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from api import page_cache
from siecle.formats.generator import export_xml_bytes
from siecle.importing import ImportFile, ImportOptions, import_apply
from siecle.models import Student
from tests.siecle.factories import StudentDivisionFactory, StudentFactory
from tests.siecle.helpers import ALL_EXPORTS, YEAR, make_set

pytestmark = pytest.mark.django_db


def _students(establishment, **params) -> tuple[str, dict]:
    return reverse("api:students", kwargs={"uai": establishment.uai}), {"year": YEAR, "page_size": 500, **params}


def _names(client, establishment, **params) -> list[str]:
    url, query = _students(establishment, **params)
    response = client.get(url, query)
    assert response.status_code == 200, response.content
    return [row["last_name"] for row in response.json()["results"]]


def _import(establishment, students: int, seed: int) -> None:
    data = make_set(establishment.uai, students=students, seed=seed)
    files = [ImportFile(name=f"{name}.xml", data=export_xml_bytes(data, name)) for name in ALL_EXPORTS]
    import_apply(establishment=establishment, school_year=YEAR, files=files, options=ImportOptions())


def test_a_page_read_again_comes_from_the_cache(api_for, admin_user, cite_college):
    StudentFactory(establishment=cite_college, school_year=YEAR, last_name="Martin")
    client = api_for(admin_user)
    first = _names(client, cite_college)
    with scopes_disabled():
        Student.objects.update(last_name="Changé sans import")  # no import: the cached page stays
    assert _names(client, cite_college) == first == ["Martin"]


def test_a_cached_page_is_the_same_document(api_for, admin_user, cite_college):
    StudentDivisionFactory(student__establishment=cite_college, student__school_year=YEAR, division__code="3A")
    client = api_for(admin_user)
    url, query = _students(cite_college)
    built, cached = client.get(url, query), client.get(url, query)
    assert (cached.content, cached["Content-Type"]) == (built.content, built["Content-Type"])


def _stored_active_names(establishment) -> list[str]:
    with scopes_disabled():
        students = Student.objects.filter(establishment=establishment, school_year=YEAR, is_active=True)
        return sorted(students.values_list("last_name", flat=True))


def test_an_import_shows_at_once_in_pages_read_before_it(api_for, admin_user, cite_college):
    _import(cite_college, students=5, seed=1)
    client = api_for(admin_user)
    before = sorted(_names(client, cite_college))
    _import(cite_college, students=8, seed=2)
    after = sorted(_names(client, cite_college))
    assert (after, after != before) == (_stored_active_names(cite_college), True)


def test_each_filter_has_its_own_page(api_for, admin_user, cite_college):
    membership = StudentDivisionFactory(
        student__establishment=cite_college, student__school_year=YEAR, student__last_name="Martin"
    )
    StudentFactory(establishment=cite_college, school_year=YEAR, last_name="Petit")
    client = api_for(admin_user)
    assert _names(client, cite_college) == ["Martin", "Petit"]
    assert _names(client, cite_college, division=str(membership.division_id)) == ["Martin"]


def test_each_establishment_has_its_own_pages(api_for, admin_user, cite_college, cite_lycee):
    StudentFactory(establishment=cite_college, school_year=YEAR, last_name="Martin")
    StudentFactory(establishment=cite_lycee, school_year=YEAR, last_name="Petit")
    client = api_for(admin_user)
    assert (_names(client, cite_college), _names(client, cite_lycee)) == (["Martin"], ["Petit"])


def test_a_cached_page_still_answers_404_to_an_outsider(api_for, admin_user, outsider, cite_college):
    StudentFactory(establishment=cite_college, school_year=YEAR, last_name="Martin")
    _names(api_for(admin_user), cite_college)
    url, query = _students(cite_college)
    assert api_for(outsider).get(url, query).status_code == 404


def test_a_cached_page_still_answers_404_to_a_member_limited_elsewhere(api_for, admin_user, cite_staff_user, cite_lp):
    StudentFactory(establishment=cite_lp, school_year=YEAR, last_name="Martin")
    _names(api_for(admin_user), cite_lp)
    url, query = _students(cite_lp)
    assert api_for(cite_staff_user).get(url, query).status_code == 404


def test_every_page_is_read_from_the_database_when_the_cache_is_off(api_for, admin_user, cite_college, settings):
    settings.API_PAGE_CACHE_SECONDS = 0
    student = StudentFactory(establishment=cite_college, school_year=YEAR, last_name="Martin")
    client = api_for(admin_user)
    _names(client, cite_college)
    with scopes_disabled():
        Student.objects.filter(pk=student.pk).update(last_name="Petit")
    assert _names(client, cite_college) == ["Petit"]


def test_a_search_is_never_cached(api_for, admin_user, cite_college):
    student = StudentFactory(establishment=cite_college, school_year=YEAR, last_name="Martin", first_name="Léa")
    client = api_for(admin_user)
    _names(client, cite_college, search="lea")
    with scopes_disabled():
        Student.objects.filter(pk=student.pk).update(last_name="Petit")
    assert _names(client, cite_college, search="lea") == ["Petit"]


def test_it_stores_no_more_pages_per_window_than_its_cap(api_for, admin_user, cite_college, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_PAGES_PER_WINDOW", 1)
    monkeypatch.setattr(page_cache, "time", SimpleNamespace(time=lambda: 60 * 1_000_000 + 20.0))  # one window
    student = StudentFactory(establishment=cite_college, school_year=YEAR, last_name="Martin")
    client = api_for(admin_user)
    _names(client, cite_college)  # stored: the first page of the window
    _names(client, cite_college, status="all")  # built, not stored
    with scopes_disabled():
        Student.objects.filter(pk=student.pk).update(last_name="Petit")
    assert (_names(client, cite_college), _names(client, cite_college, status="all")) == (["Martin"], ["Petit"])
