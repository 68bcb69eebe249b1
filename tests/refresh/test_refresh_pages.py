"""« Mise à jour automatique » and the panels on « Importer des données » (the isolation sweep in
tests/test_isolation.py covers outsiders and roles for every URL; these check this page's own rules)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from refresh.models import Frequency, RefreshSchedule

pytestmark = pytest.mark.django_db

FORM = {"frequency": "weekly", "weekday": "2", "hour": "3", "keep_existing": "on", "policy": "preview"}


def _url(establishment) -> str:
    return reverse("refresh:settings", kwargs={"uai": establishment.uai})


def test_an_administrateur_sees_the_page(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(_url(cite_college)).content.decode()
    assert "Mise à jour automatique" in page
    assert "Préparer un aperçu à valider" in page


def test_a_concepteur_is_refused(client_for, concepteur_user, cite_college):
    assert client_for(concepteur_user).get(_url(cite_college)).status_code == 403


def test_an_outsider_gets_404(client_for, outsider, cite_college):
    assert client_for(outsider).post(_url(cite_college), FORM).status_code == 404


def test_saving_stores_the_schedule_with_its_next_run(client_for, admin_user, cite_college):
    response = client_for(admin_user).post(_url(cite_college), FORM)
    with scopes_disabled():
        schedule = RefreshSchedule.objects.get(establishment=cite_college)
    assert response.status_code == 302
    assert (schedule.frequency, schedule.weekday, schedule.policy, schedule.keep_existing) == (
        Frequency.WEEKLY, 2, "preview", True)  # fmt: skip
    local = schedule.next_run_at.astimezone(ZoneInfo("Europe/Paris"))
    assert (local.weekday(), local.hour) == (2, 3)


def test_saving_for_one_establishment_leaves_the_sibling_alone(client_for, admin_user, cite_college, cite_lycee):
    client_for(admin_user).post(_url(cite_college), FORM)
    with scopes_disabled():
        assert not RefreshSchedule.objects.filter(establishment=cite_lycee).exists()


def test_an_unknown_choice_is_refused_in_french(client_for, admin_user, cite_college):
    page = client_for(admin_user).post(_url(cite_college), {**FORM, "hour": "14"}).content.decode()
    assert "Sélectionnez un choix valide" in page


def test_the_import_page_shows_the_schedule(client_for, admin_user, cite_college):
    client = client_for(admin_user)
    client.post(_url(cite_college), FORM)
    page = client.get(reverse("jobs:import", kwargs={"uai": cite_college.uai})).content.decode()
    assert 'data-testid="refresh-panel"' in page
    assert "Chaque semaine (le mercredi)" in page


def test_the_import_page_lists_the_last_runs_with_their_outcome(client_for, admin_user, cite_college):
    from refresh.models import Outcome, RefreshRun

    with scopes_disabled():
        RefreshRun.objects.create(establishment=cite_college, outcome=Outcome.UNCHANGED)
    page = client_for(admin_user).get(reverse("jobs:import", kwargs={"uai": cite_college.uai})).content.decode()
    assert '<tr data-outcome="unchanged">' in page
    assert "Aucun changement" in page


def test_the_digest_goes_only_to_administrateurs_who_may_open_the_establishment(cite_staff_user, cite_college, cite_lp):
    from refresh.digest import administrateurs

    cite_staff_user.email = "claire@cite.example.fr"
    cite_staff_user.save(update_fields=["email"])
    assert (administrateurs(cite_college), administrateurs(cite_lp)) == ([cite_staff_user], [])
