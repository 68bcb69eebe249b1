"""« Tester la connexion »: a stored certificate against the sandbox, over real mutual TLS."""

from __future__ import annotations

import time
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from certificates.connection import connection_test_request, connection_test_run
from certificates.models import Certificate, ConnectionTest
from certificates.selectors import clear_ssl_context_cache
from certificates.services import certificate_install
from tests.celery_worker import running_worker
from tests.netsynchro.helpers import client_entry, variant_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(settings, sandbox, pki):
    settings.NETSYNCHRO_URL = sandbox.url
    settings.NETSYNCHRO_CA_FILE = pki["ca"]
    settings.NETSYNCHRO_RETRY_ATTEMPTS = 1
    clear_ssl_context_cache()
    yield sandbox
    clear_ssl_context_cache()


def install(establishment, year: int, entry: dict) -> Certificate:
    with scopes_disabled():
        return certificate_install(
            establishment=establishment,
            school_year=year,
            data=Path(entry["file"]).read_bytes(),
            password=entry["password"],
            actor_label="tests",
        )


def run_test(certificate: Certificate, django_capture_on_commit_callbacks) -> ConnectionTest | None:
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=False):
        test = connection_test_request(certificate=certificate, actor=None)
    return connection_test_run(test_id=test.pk)


def test_it_reports_an_accepted_certificate(platform, pki, cite_college, year, django_capture_on_commit_callbacks):
    test = run_test(install(cite_college, year, client_entry(pki)), django_capture_on_commit_callbacks)
    assert (test.state, test.result) == ("done", "accepted") and test.tested_at is not None


def test_it_reports_a_refused_certificate_and_why(
    platform, pki, cite_college, year, django_capture_on_commit_callbacks
):
    test = run_test(install(cite_college, year, variant_entry(pki, "other_ca")), django_capture_on_commit_callbacks)
    assert test.result == "refused" and "autorité reconnue" in test.message


def test_it_reports_an_unreachable_platform(
    platform, settings, pki, cite_college, year, django_capture_on_commit_callbacks
):
    settings.NETSYNCHRO_URL = "https://127.0.0.1:9"  # nothing listens on the discard port
    test = run_test(install(cite_college, year, client_entry(pki)), django_capture_on_commit_callbacks)
    assert test.result == "unreachable" and "injoignable" in test.message


def test_a_test_runs_once_even_if_delivered_twice(
    platform, pki, cite_college, year, django_capture_on_commit_callbacks
):
    test = run_test(install(cite_college, year, client_entry(pki)), django_capture_on_commit_callbacks)
    assert connection_test_run(test_id=test.pk) is None


def test_the_result_and_its_date_show_in_the_list(
    platform, pki, cite_college, year, client_for, admin_user, django_capture_on_commit_callbacks
):
    run_test(install(cite_college, year, client_entry(pki)), django_capture_on_commit_callbacks)
    page = client_for(admin_user).get(reverse("certificates:manage", kwargs={"uai": cite_college.uai}), {"annee": year})
    assert 'data-test-result="accepted"' in page.content.decode()


def test_the_button_queues_the_task_after_commit(
    pki, cite_college, year, client_for, admin_user, django_capture_on_commit_callbacks
):
    install(cite_college, year, client_entry(pki))
    url = reverse("certificates:test_connection", kwargs={"uai": cite_college.uai, "target_uai": cite_college.uai})
    with mock.patch("certificates.tasks.run_connection_test.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            client_for(admin_user).post(f"{url}?annee={year}")
    with scopes_disabled():
        assert delay.call_args.args == (ConnectionTest.objects.get().pk,)


def test_the_list_reloads_while_a_test_is_under_way(
    pki, cite_college, year, client_for, admin_user, django_capture_on_commit_callbacks
):
    certificate = install(cite_college, year, client_entry(pki))
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=False):
        connection_test_request(certificate=certificate, actor=admin_user)
    page = client_for(admin_user).get(reverse("certificates:manage", kwargs={"uai": cite_college.uai}), {"annee": year})
    assert 'http-equiv="refresh"' in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_test_the_page_queued(
    sandbox, pki, cite_college, year, monkeypatch, client_for, admin_user
):
    monkeypatch.setenv("NETSYNCHRO_URL", sandbox.url)  # read by the worker process's settings
    monkeypatch.setenv("NETSYNCHRO_CA_FILE", pki["ca"])
    install(cite_college, year, client_entry(pki))
    url = reverse("certificates:test_connection", kwargs={"uai": cite_college.uai, "target_uai": cite_college.uai})
    with running_worker():
        client_for(admin_user).post(f"{url}?annee={year}")
        test = _wait_until_done()
    assert (test.state, test.result) == ("done", "accepted")


def _wait_until_done(timeout: float = 30.0) -> ConnectionTest:
    deadline = time.monotonic() + timeout
    with scopes_disabled():
        while True:
            test = ConnectionTest.objects.get()
            if test.state == "done" or time.monotonic() > deadline:
                return test
            time.sleep(0.2)
