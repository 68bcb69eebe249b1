"""A concepteur moves a course in the weekly grid and sees, right there, the conflict the move creates."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from establishments.school_years import current_school_year
from timetables.models import Course, Teacher

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_courses_of_one_teacher(transactional_db):
    call_command("demo_setup", stdout=StringIO())
    with scopes_disabled():
        teacher = Teacher.objects.filter(establishment__uai="0691234S", school_year=current_school_year()).first()
        first, second = Course.objects.filter(teachers=teacher).order_by("weekday", "starts_at")[:2]
    return teacher, first, second


def test_a_concepteur_moves_a_course_and_sees_the_conflict(two_courses_of_one_teacher, login, page, live_server):
    teacher, first, second = two_courses_of_one_teacher
    login("concepteur.moulin", "Demo-Concepteur-2026")
    page.get_by_role("link", name="Emploi du temps").first.click()
    expect(page.get_by_text("Aucun conflit")).to_be_visible()
    page.get_by_role("link", name=f"{teacher.last_name} {teacher.first_name.title()}").first.click()
    expect(page).to_have_url(re.compile(r"/emploi-du-temps/enseignants/"))
    page.locator(f'article[data-course="{second.pk}"]').get_by_role("link", name="Déplacer").click()
    page.get_by_label("Jour").select_option(str(first.weekday))
    page.get_by_label("Début").fill(first.starts_at.strftime("%H:%M"))
    page.get_by_role("button", name="Déplacer").click()
    expect(page).to_have_url(re.compile(r"/emploi-du-temps/enseignants/"))
    expect(page.get_by_role("alert").filter(has_text="a deux cours").first).to_be_visible()
    expect(page.locator(f'article[data-course="{second.pk}"]')).to_have_class(re.compile("tt-conflict"))
