"""What every visitor meets outside the establishment pages: the icon, the French error pages, quiet logs."""

from __future__ import annotations

import logging
import sys

import pytest

from netsync_portal.log_filters import ClientErrorsWithoutTraceback


def _record(status_code: int) -> logging.LogRecord:
    try:
        raise PermissionError("refusé")
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden", None, exc_info)
    record.status_code = status_code
    return record


def test_it_serves_the_favicon_at_the_site_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file


@pytest.mark.django_db
def test_it_answers_an_unknown_address_with_the_french_404_page(client):
    response = client.get("/adresse-inconnue/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_it_logs_a_client_error_without_its_traceback():
    record = _record(403)

    assert ClientErrorsWithoutTraceback().filter(record) is True
    assert record.exc_info is None


def test_it_keeps_the_traceback_of_a_server_error():
    record = _record(500)

    ClientErrorsWithoutTraceback().filter(record)

    assert record.exc_info is not None
