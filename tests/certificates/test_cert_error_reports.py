"""A crash while a certificate is being opened sends an error report without the password or the key."""

from __future__ import annotations

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from django.views.debug import ExceptionReporter

from certificates import pkcs12 as pkcs12_module
from tests.certificates.test_cert_views import upload, url

pytestmark = pytest.mark.django_db

SECRET_PASSWORD = "Mot-de-passe-tres-secret-42"


@pytest.fixture
def crash_inside_pkcs12(monkeypatch):
    """Make the cryptography call inside the pure pkcs12 module blow up, with the password in its frame."""

    def explode(data, password, *args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(pkcs12_module.pkcs12, "load_key_and_certificates", explode)


def _report_of_crash(client: Client, path: str, data: dict) -> str:
    reports: list[str] = []

    def capture(sender, request, **kwargs):
        import sys

        reporter = ExceptionReporter(request, *sys.exc_info(), is_email=True)
        # The HTML report (debug page, HTML admin e-mails) also lists every frame's local variables.
        reports.append(reporter.get_traceback_text() + reporter.get_traceback_html())

    got_request_exception.connect(capture)
    try:
        client.raise_request_exception = False
        assert client.post(path, data).status_code == 500
    finally:
        got_request_exception.disconnect(capture)
    return reports[0]


def test_the_error_report_hides_the_posted_password_and_every_frame_secret(
    client_for, admin_user, cite_college, make_p12, crash_inside_pkcs12
):
    p12 = make_p12(cite_college.uai, password=SECRET_PASSWORD)
    report = _report_of_crash(client_for(admin_user), url("add", cite_college), upload(p12, cite_college.uai))
    assert "panne simulée" in report  # the report is real and covers the crash
    assert "load_pkcs12" in report and "expected_uai" in report  # frame variables are listed
    assert SECRET_PASSWORD not in report and SECRET_PASSWORD.replace("-", "&#x2D;") not in report
    assert p12.data.hex()[:64] not in report and repr(p12.data[:40])[2:-1] not in report
