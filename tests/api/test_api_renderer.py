"""The API's JSON (orjson) is the document DRF's own renderer writes."""

from __future__ import annotations

import datetime
import decimal
import uuid
import zoneinfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from api.renderers import ApiJSONRenderer

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
DOCUMENT = {
    "id": uuid.UUID("0b5c3f59-2d5e-4c55-a7a0-1f6a3e1f2b4c"),
    "birth_date": datetime.date(2012, 3, 4),
    "created_at": datetime.datetime(2026, 12, 2, 7, 46, 55, 123456, tzinfo=datetime.UTC),
    "deposited_at": datetime.datetime(2026, 12, 2, 8, 0, tzinfo=PARIS),
    "label": gettext_lazy("Élève sorti"),
    "ratio": decimal.Decimal("12.50"),
    "names": ["Éloïse", "Chloé Œuvrard", "ligne\u2028séparée\u2029ici"],
    "next": None,
    "count": 3,
    "active": True,
}


@pytest.mark.parametrize("name", list(DOCUMENT))
def test_it_writes_each_type_as_drf_does(name):
    document = {name: DOCUMENT[name]}
    assert ApiJSONRenderer().render(document) == JSONRenderer().render(document)


def test_it_indents_the_browsable_pages_as_drf_does():
    context = {"indent": 4}
    assert ApiJSONRenderer().render(DOCUMENT, renderer_context=context) == JSONRenderer().render(
        DOCUMENT, renderer_context=context
    )


def test_it_writes_nothing_for_no_data():
    assert ApiJSONRenderer().render(None) == b""
