from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _options(html: str) -> dict[str, str]:
    return dict(re.findall(r'<option value="([^"]+)" data-uai="([^"]+)"', html))


def home(uai: str) -> str:
    return reverse("establishments:home", kwargs={"uai": uai})


def test_it_offers_the_same_page_under_each_other_establishment(client_for, cite_staff_user, cite_college, cite_lycee):
    html = client_for(cite_staff_user).get(home(cite_college.uai)).content.decode()
    assert _options(html) == {home(cite_college.uai): cite_college.uai, home(cite_lycee.uai): cite_lycee.uai}


def test_it_lists_only_the_establishments_the_member_may_open(client_for, cite_staff_user, cite_college, cite_lp):
    html = client_for(cite_staff_user).get(home(cite_college.uai)).content.decode()
    assert cite_lp.uai not in _options(html).values()


def test_it_keeps_the_year_when_switching(client_for, cite_staff_user, cite_college, cite_lycee):
    html = client_for(cite_staff_user).get(home(cite_college.uai) + "?annee=2025").content.decode()
    assert home(cite_lycee.uai) + "?annee=2025" in _options(html)


def test_a_single_establishment_user_sees_no_dropdown(client_for, outsider, other_college):
    html = client_for(outsider).get(home(other_college.uai)).content.decode()
    assert "data-switcher-select" not in html
    assert other_college.uai in html


def test_two_tabs_on_two_establishments_do_not_mix(client_for, cite_staff_user, cite_college, cite_lycee):
    client = client_for(cite_staff_user)
    client.get(home(cite_college.uai))  # tab 1
    client.get(home(cite_lycee.uai))  # tab 2 changes the session's last choice
    page = client.get(home(cite_college.uai)).content.decode()  # tab 1 again
    assert '<dd data-testid="establishment-uai">0691234S</dd>' in page


def test_a_page_about_an_object_switches_to_the_other_home(rf, cite_staff_user, cite_college, cite_lycee):
    from establishments.switcher import same_page_url

    request = rf.get(home(cite_college.uai))
    request.path_info = "/e/0691234S/unknown/42/"
    assert same_page_url(request, cite_lycee) == home(cite_lycee.uai)
