"""The export endpoints: start an export as the wizard's « Générer le fichier » does, and download its file;
roles and isolation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from exports.formats import read_edt_sts
from exports.models import Export
from jobs.services import job_run
from tests.exports.helpers import build_sample
from tests.factories import MembershipFactory
from tests.url_samples import URL_KWARG_SAMPLES

pytestmark = pytest.mark.django_db
YEAR = current_school_year()


@pytest.fixture
def sample(cite_college):
    return build_sample(cite_college, YEAR)


def url(name: str, establishment, **kwargs) -> str:
    return reverse(f"api:{name}", kwargs={"uai": establishment.uai, **kwargs})


def start(client, establishment, **body):
    return client.post(
        url("exports", establishment), {"target": "sts-web", "delivery": "download", **body}, format="json"
    )


def test_it_starts_an_export_for_a_concepteur(api_for, concepteur_user, sample):
    response = start(api_for(concepteur_user), sample.establishment)
    body = response.json()
    assert (response.status_code, body["target"], body["job"]["status"]) == (201, "sts-web", "queued")
    assert body["filename"] == f"emp_sts_0691234S_{YEAR}.xml"


def test_the_started_exports_file_downloads_once_generated(api_for, admin_user, sample):
    client = api_for(admin_user)
    export_id = start(client, sample.establishment).json()["id"]
    with scopes_disabled():
        job_run(job_id=str(Export.objects.get(pk=export_id).job_id))  # what the worker does
    response = client.get(url("export_file", sample.establishment, export_id=export_id))
    assert response["Content-Disposition"] == f'attachment; filename="emp_sts_0691234S_{YEAR}.xml"'
    assert read_edt_sts(response.content).uai == "0691234S"


def test_it_serves_the_file_whatever_the_accept_header(api_for, admin_user, cite_college):
    export_id = URL_KWARG_SAMPLES["export_id"](cite_college)
    response = api_for(admin_user).get(
        url("export_file", cite_college, export_id=export_id), HTTP_ACCEPT="application/xml"
    )
    assert (response.status_code, response["Content-Type"], response.content) == (200, "application/xml", b"<EDT_STS/>")


def test_it_answers_409_while_the_file_is_not_generated(api_for, admin_user, sample):
    client = api_for(admin_user)
    export_id = start(client, sample.establishment).json()["id"]
    response = client.get(url("export_file", sample.establishment, export_id=export_id))
    assert (response.status_code, response.json()["code"]) == (409, "export_file_not_ready")


def test_it_refuses_an_export_blocked_by_the_checks(api_for, admin_user, cite_college):
    response = start(api_for(admin_user), cite_college)  # nothing to export: the checks block it
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"]
    assert not Export.objects.exists()


def test_it_refuses_a_netsynchro_deposit_without_a_certificate(api_for, admin_user, sample):
    response = start(api_for(admin_user), sample.establishment, delivery="netsynchro")
    assert (response.status_code, list(response.json()["fields"])) == (400, ["delivery"])


def test_it_refuses_an_unknown_target(api_for, admin_user, sample):
    response = start(api_for(admin_user), sample.establishment, target="pronote")
    assert (response.status_code, list(response.json()["fields"])) == (400, ["target"])


def test_it_refuses_an_export_to_a_member_without_role(api_for, cite, sample):
    member = MembershipFactory(organisation=cite, is_administrateur=False, is_concepteur=False).user
    response = start(api_for(member), sample.establishment)
    assert (response.status_code, response.json()["code"]) == (403, "role_required")


def test_it_answers_404_for_the_file_of_another_organisation(api_for, admin_user, cite_college, other_college):
    foreign = URL_KWARG_SAMPLES["export_id"](other_college)
    response = api_for(admin_user).get(url("export_file", cite_college, export_id=foreign))
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
