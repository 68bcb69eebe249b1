"""A refresh run against the NetSynchro sandbox: nothing new, changes and their digest, the departures
guard, the « Préparer un aperçu à valider » policy and problems reported once."""

from __future__ import annotations

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from jobs.models import JobStatus
from jobs.services import job_confirm, job_run
from refresh.models import Outcome, Policy, RefreshSchedule
from siecle.models import ImportRun, Student
from tests.refresh.conftest import SANDBOX_STUDENTS
from tests.refresh.helpers import refresh_now

pytestmark = pytest.mark.django_db


def _students(establishment, **filters) -> int:
    with scopes_disabled():
        return Student.objects.filter(establishment=establishment, **filters).count()


def _runs(establishment) -> int:
    with scopes_disabled():
        return ImportRun.objects.filter(establishment=establishment).count()


@pytest.fixture
def imported(certified, cite_college, admins):
    """The collège as it is after a first refresh (its digest sent and forgotten)."""
    refresh_now(cite_college)
    mail.outbox.clear()
    return cite_college


def test_the_first_refresh_imports_the_pupils(certified, cite_college, admins):
    run, job = refresh_now(cite_college)
    assert (job.status, run.outcome, run.applied) == (JobStatus.SUCCEEDED, Outcome.APPLIED, True)
    assert _students(cite_college) == SANDBOX_STUDENTS


def test_it_writes_nothing_when_the_export_is_unchanged(imported):
    runs_before = _runs(imported)
    run, job = refresh_now(imported)
    assert (job.status, run.outcome, run.changed, run.applied) == (JobStatus.SUCCEEDED, Outcome.UNCHANGED, False, False)
    assert _runs(imported) == runs_before


def test_it_keeps_no_copy_of_an_unchanged_export(imported):
    _run, job = refresh_now(imported)
    with scopes_disabled():
        assert list(job.files.values_list("content", flat=True)) == ["", "", ""]


def test_it_sends_no_email_when_the_export_is_unchanged(imported):
    run, _job = refresh_now(imported)
    assert (run.emails, len(mail.outbox)) == (0, 0)


def test_a_changed_export_sends_one_digest_to_the_administrateurs(imported, certified):
    run, _job = refresh_now(imported, students=SANDBOX_STUDENTS + 3, sandbox=certified)
    assert run.emails == 1
    assert [message.to for message in mail.outbox] == [["alice@college.example.fr"]]


def test_the_digest_lists_the_arrivals_by_name_with_the_report_link(imported, certified):
    _run, job = refresh_now(imported, students=SANDBOX_STUDENTS + 3, sandbox=certified)
    arrivals = job.preview["arrivals"]
    text = mail.outbox[0].body
    assert len(arrivals) == 3
    assert "Arrivées (3)" in text
    assert all(arrival["name"] in text for arrival in arrivals)
    assert f"https://portail.example.fr/e/{imported.uai}/imports/{job.pk}/rapport.csv" in text


def test_the_digest_has_an_html_part_in_french(imported, certified):
    refresh_now(imported, students=SANDBOX_STUDENTS + 3, sandbox=certified)
    html, mimetype = mail.outbox[0].alternatives[0]
    assert mimetype == "text/html"
    assert "<h2>Arrivées (3)</h2>" in html


def _left(establishment, rows) -> set[bool]:
    with scopes_disabled():
        ids = [row["eleve_id"] for row in rows]
        return set(
            Student.objects.filter(establishment=establishment, eleve_id__in=ids).values_list("is_active", flat=True)
        )


def test_departures_under_the_threshold_are_applied(imported, certified, settings):
    settings.REFRESH_MAX_DEPARTURE_SHARE = 0.5
    run, job = refresh_now(imported, students=SANDBOX_STUDENTS - 2, sandbox=certified)
    assert (run.applied, bool(job.preview["departures"])) == (True, True)
    assert _left(imported, job.preview["departures"]) == {False}


def test_the_digest_lists_the_departures_by_name(imported, certified, settings):
    settings.REFRESH_MAX_DEPARTURE_SHARE = 0.5
    _run, job = refresh_now(imported, students=SANDBOX_STUDENTS - 2, sandbox=certified)
    names = [row["name"] for row in job.preview["departures"]]
    section = mail.outbox[0].body.split(f"Départs ({len(names)}) :\n")[1].split("\n\n")[0]
    assert section.splitlines() == [f"- {name}" for name in names]


def test_the_departures_guard_holds_a_suspicious_import_for_validation(imported, certified):
    present = _students(imported, is_active=True)
    run, job = refresh_now(imported, students=SANDBOX_STUDENTS - 2, sandbox=certified)
    assert (job.status, run.outcome, run.applied) == (JobStatus.AWAITING_CONFIRMATION, Outcome.HELD, False)
    assert _students(imported, is_active=True) == present


def test_the_held_digest_says_why_and_links_to_validate(imported, certified):
    present = _students(imported, is_active=True)
    _run, job = refresh_now(imported, students=SANDBOX_STUDENTS - 2, sandbox=certified)
    text = mail.outbox[0].body
    assert f"{len(job.preview['departures'])} élèves sur {present} (" in text
    assert "seraient marqués sortis, plus que le seuil de 10%" in text
    link = f"https://portail.example.fr/e/{imported.uai}/imports/{job.pk}/"
    assert f"Pour les vérifier et les valider (bouton « Importer ») : {link}" in text


def test_a_held_import_is_applied_once_validated(imported, certified):
    _run, job = refresh_now(imported, students=SANDBOX_STUDENTS - 2, sandbox=certified)
    assert job_confirm(job=job)
    job_run(job_id=str(job.pk))
    assert _left(imported, job.preview["departures"]) == {False}


def test_the_preview_policy_holds_a_change_below_the_threshold(imported, certified, settings):
    settings.REFRESH_MAX_DEPARTURE_SHARE = 1.0
    with scopes_disabled():
        RefreshSchedule.objects.create(establishment=imported, policy=Policy.PREVIEW)
    run, job = refresh_now(imported, students=SANDBOX_STUDENTS + 3, sandbox=certified)
    assert (job.status, run.outcome) == (JobStatus.AWAITING_CONFIRMATION, Outcome.HELD)
    assert "« Préparer un aperçu à valider »" in mail.outbox[0].body


def test_a_missing_certificate_is_reported_once(platform, cite_college, admins):
    first, job = refresh_now(cite_college)
    second, _job = refresh_now(cite_college)
    assert (job, first.outcome) == (None, Outcome.FAILED)
    assert (first.emails, second.emails, len(mail.outbox)) == (1, 0, 1)
    assert "Aucun certificat NetSynchro valide" in mail.outbox[0].body


def test_an_expired_certificate_found_while_fetching_is_reported_once(imported, certified, monkeypatch):
    """The certificate was usable when the job started, not when NetSynchro was called."""
    from jobs import imports
    from netsynchro.errors import NotConfigured

    def expired(**kwargs):
        raise NotConfigured("Le certificat de l'établissement a expiré.")

    monkeypatch.setattr(imports, "fetch_exports", expired)
    monkeypatch.setattr("refresh.outcomes.netsynchro_ready", lambda **kwargs: {imported.uai: False})
    first, job = refresh_now(imported)
    second, _job = refresh_now(imported)
    assert (job.status, first.emails, second.emails) == (JobStatus.FAILED, 1, 0)
    assert "Le certificat de l'établissement a expiré." in mail.outbox[0].body


def test_netsynchro_failing_is_reported_once(imported, certified):
    certified.control(fail_rate=1.0)
    first, _job = refresh_now(imported)
    second, _job = refresh_now(imported)
    assert (first.outcome, first.emails, second.emails) == (Outcome.FAILED, 1, 0)


def test_a_problem_is_reported_again_after_a_good_run(imported, certified):
    certified.control(fail_rate=1.0)
    refresh_now(imported)
    certified.control(fail_rate=0.0)
    refresh_now(imported)
    certified.control(fail_rate=1.0)
    again, _job = refresh_now(imported)
    assert again.emails == 1


def test_the_home_page_shows_the_reported_problem(platform, cite_college, admins, client_for, admin_user):
    refresh_now(cite_college)
    page = client_for(admin_user).get(f"/e/{cite_college.uai}/").content.decode()
    assert "Mise à jour automatique impossible depuis le" in page
