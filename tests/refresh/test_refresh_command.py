"""``manage.py netsynchro_refresh``: one JSON object, exit 1 with {"error"} when it cannot run."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.commands import run_json_command
from tests.refresh.conftest import SANDBOX_STUDENTS

pytestmark = pytest.mark.django_db


def test_it_prints_the_outcome_of_a_first_refresh(certified, cite_college, admins):
    code, payload = run_json_command("netsynchro_refresh", "--uai", cite_college.uai)
    assert code == 0
    assert set(payload) == {"job", "status", "changed", "applied", "emails"}
    assert (payload["status"], payload["changed"], payload["applied"], payload["emails"]) == (
        "succeeded", True, True, 1)  # fmt: skip


def test_it_reports_an_unchanged_export(certified, cite_college, admins):
    run_json_command("netsynchro_refresh", "--uai", cite_college.uai)
    mail.outbox.clear()
    code, payload = run_json_command("netsynchro_refresh", "--uai", cite_college.uai)
    assert (code, payload["changed"], payload["applied"], payload["emails"]) == (0, False, False, 0)


def test_it_reports_a_held_refresh(certified, cite_college, admins):
    run_json_command("netsynchro_refresh", "--uai", cite_college.uai)
    certified.control("/exports", uai=cite_college.uai, students=SANDBOX_STUDENTS - 2)
    code, payload = run_json_command("netsynchro_refresh", "--uai", cite_college.uai)
    assert (code, payload["status"], payload["changed"], payload["applied"]) == (
        0, "awaiting_confirmation", True, False)  # fmt: skip


def test_it_refuses_an_unknown_establishment(db):
    assert run_json_command("netsynchro_refresh", "--uai", "0000001X") == (
        1, {"error": "Établissement inconnu : 0000001X."})  # fmt: skip


def test_it_refuses_a_year_the_portal_does_not_manage(cite_college):
    code, payload = run_json_command("netsynchro_refresh", "--uai", cite_college.uai, "--year", "1990")
    assert (code, list(payload)) == (1, ["error"])


def test_it_exits_1_with_the_error_when_the_certificate_is_missing(platform, cite_college, admins):
    code, payload = run_json_command("netsynchro_refresh", "--uai", cite_college.uai)
    assert code == 1
    assert "certificat" in payload["error"]
