"""The organisation journal records each export job's start and outcome (« export lancé », « export terminé»)
through the jobs' one call site, ``jobs.journal.job_journal``."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from audit.models import AuditEvent
from establishments.school_years import current_school_year
from exports.models import Delivery, Export
from exports.services import export_start
from exports.targets import Target
from jobs.services import job_run
from tests.exports.helpers import build_sample

pytestmark = pytest.mark.django_db
YEAR = current_school_year()


def _export(establishment, user) -> Export:
    build_sample(establishment, YEAR)
    with scopes_disabled():  # the page runs it in the request's scope
        return export_start(
            establishment=establishment,
            school_year=YEAR,
            target=Target.STS_WEB,
            delivery=Delivery.DOWNLOAD,
            accept_warnings=True,
            requested_by=user,
        )


def _events(establishment) -> list[tuple[str, str | None, str, str]]:
    with scopes_disabled():
        rows = AuditEvent.objects.filter(establishment=establishment).order_by("pk")
        return list(rows.values_list("kind", "details__resultat", "details__destination", "actor_label"))


def test_it_journals_the_export_start_and_its_outcome(cite_college, admin_user, django_capture_on_commit_callbacks):
    export = _export(cite_college, admin_user)
    with django_capture_on_commit_callbacks(execute=True):  # the outcome is journaled once committed
        job_run(job_id=str(export.job_id))
    who = admin_user.get_username()
    assert _events(cite_college) == [
        ("export.started", None, "sts-web", who),
        ("export.finished", "succeeded", "sts-web", who),
    ]


def test_the_export_entries_name_the_export_not_an_import(cite_college, admin_user):
    _export(cite_college, admin_user)
    with scopes_disabled():
        event = AuditEvent.objects.get(establishment=cite_college)
    assert event.summary.startswith("Export lancé : Export vers STS-Web / SIECLE (0691234S")
    assert event.details["envoi"] == "download"
