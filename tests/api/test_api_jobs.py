"""The job endpoints: list and read jobs with their progress, start a SIECLE import (NetSynchro or uploaded
files, the page's checks), confirm or cancel a preview; roles and isolation on each."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from jobs.models import Job, JobKind, JobStatus
from jobs.progress import Progress, progress_publish
from tests.factories import MembershipFactory
from tests.jobs.factories import JobFactory
from tests.jobs.helpers import YEAR, fresh, import_files, make_set

pytestmark = pytest.mark.django_db


def url(name: str, establishment, **kwargs) -> str:
    return reverse(f"api:{name}", kwargs={"uai": establishment.uai, **kwargs})


def uploads(establishment, **overrides) -> dict:
    files = [SimpleUploadedFile(item.name, item.data) for item in import_files(make_set(establishment.uai))]
    return {"source": "files", "year": YEAR, "files": files, **overrides}


def test_it_lists_the_establishments_jobs_newest_first(api_for, admin_user, cite_college, other_college):
    older = JobFactory(establishment=cite_college, status=JobStatus.SUCCEEDED)
    newer = JobFactory(establishment=cite_college, kind=JobKind.EXPORT_MINISTRY)
    JobFactory(establishment=other_college)
    body = api_for(admin_user).get(url("jobs", cite_college)).json()
    assert [row["id"] for row in body["results"]] == [str(newer.pk), str(older.pk)]


def test_it_filters_the_list_by_kind_and_status(api_for, admin_user, cite_college):
    JobFactory(establishment=cite_college, status=JobStatus.SUCCEEDED)
    failed = JobFactory(establishment=cite_college, status=JobStatus.FAILED)
    JobFactory(establishment=cite_college, kind=JobKind.EXPORT_MINISTRY, status=JobStatus.FAILED)
    response = api_for(admin_user).get(url("jobs", cite_college), {"kind": "import_siecle", "status": "failed"})
    assert [row["id"] for row in response.json()["results"]] == [str(failed.pk)]


def test_it_refuses_an_unknown_status_filter(api_for, admin_user, cite_college):
    response = api_for(admin_user).get(url("jobs", cite_college), {"status": "done"})
    assert (response.status_code, response.json()["code"], list(response.json()["fields"])) == (
        400,
        "invalid",
        ["status"],
    )


def test_it_reads_a_running_jobs_live_progress(api_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.RUNNING)
    progress_publish(job.pk, Progress("Comparaison", 62))
    body = api_for(admin_user).get(url("job", cite_college, job_id=job.pk)).json()
    assert (body["status"], body["progress"]) == ("running", {"step": "Comparaison", "percent": 62})


def test_it_shows_a_concepteur_the_export_jobs_only(api_for, concepteur_user, cite_college):
    JobFactory(establishment=cite_college, status=JobStatus.SUCCEEDED)
    export = JobFactory(establishment=cite_college, kind=JobKind.EXPORT_MINISTRY, status=JobStatus.SUCCEEDED)
    body = api_for(concepteur_user).get(url("jobs", cite_college)).json()
    assert [row["id"] for row in body["results"]] == [str(export.pk)]


def test_it_answers_404_to_a_concepteur_reading_an_import_job(api_for, concepteur_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.AWAITING_CONFIRMATION, preview={"arrivals": []})
    assert api_for(concepteur_user).get(url("job", cite_college, job_id=job.pk)).status_code == 404


def test_it_refuses_the_jobs_to_a_member_without_role(api_for, cite, cite_college):
    member = MembershipFactory(organisation=cite, is_administrateur=False, is_concepteur=False).user
    response = api_for(member).get(url("jobs", cite_college))
    assert (response.status_code, response.json()["code"]) == (403, "role_required")


def test_it_answers_404_for_a_job_of_another_organisation(api_for, admin_user, cite_college, other_college):
    foreign = JobFactory(establishment=other_college)
    response = api_for(admin_user).get(url("job", cite_college, job_id=foreign.pk))
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_it_starts_an_import_of_uploaded_files(api_for, admin_user, cite_college):
    response = api_for(admin_user).post(url("imports", cite_college), uploads(cite_college), format="multipart")
    assert response.status_code == 201, response.json()
    with scopes_disabled():
        job = Job.objects.get(pk=response.json()["id"])
        assert (job.status, job.options["source"], job.files.count()) == ("queued", "files", 4)


def test_it_refuses_a_second_import_while_one_is_active(api_for, admin_user, cite_college):
    JobFactory(establishment=cite_college, status=JobStatus.RUNNING)
    response = api_for(admin_user).post(url("imports", cite_college), uploads(cite_college), format="multipart")
    assert (response.status_code, response.json()) == (
        409,
        {"code": "import_already_running", "message": "Un import est déjà en cours pour cet établissement."},
    )


def test_it_refuses_files_of_another_establishment(api_for, admin_user, cite_college):
    foreign = [SimpleUploadedFile(item.name, item.data) for item in import_files(make_set("0699999X"))]
    data = uploads(cite_college, files=foreign)
    response = api_for(admin_user).post(url("imports", cite_college), data, format="multipart")
    assert response.status_code == 400
    assert "0699999X" in " ".join(response.json()["fields"]["non_field_errors"])
    assert not Job.objects.exists()


def test_it_refuses_a_file_that_is_not_a_siecle_export(api_for, admin_user, cite_college):
    data = uploads(cite_college, files=[SimpleUploadedFile("eleves.pdf", b"%PDF")])
    response = api_for(admin_user).post(url("imports", cite_college), data, format="multipart")
    assert response.json()["fields"]["files"] == ["« eleves.pdf » n'est ni un .zip ni un .xml exporté de SIECLE."]


def test_it_refuses_netsynchro_without_a_certificate(api_for, admin_user, cite_college):
    response = api_for(admin_user).post(url("imports", cite_college), {"source": "netsynchro"}, format="json")
    assert response.status_code == 400
    assert "Aucun certificat NetSynchro valide" in response.json()["fields"]["non_field_errors"][0]


def test_it_refuses_an_oversized_request_before_reading_it(api_for, admin_user, cite_college, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1000
    response = api_for(admin_user).post(url("imports", cite_college), uploads(cite_college), format="multipart")
    assert (response.status_code, response.json()["code"]) == (413, "request_too_large")


def test_it_refuses_a_file_over_the_size_limit(api_for, admin_user, cite_college, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 2000
    data = uploads(cite_college, files=[SimpleUploadedFile("ElevesAvecAdresses.xml", b"<a/>" * 1000)])
    response = api_for(admin_user).post(url("imports", cite_college), data, format="multipart")
    assert response.json()["fields"]["files"] == [
        "« ElevesAvecAdresses.xml » dépasse la taille maximale de 0 Mo par fichier : aucun import n'a été lancé."
    ]


def test_it_asks_for_files_when_the_source_is_files(api_for, admin_user, cite_college):
    response = api_for(admin_user).post(url("imports", cite_college), {"source": "files"}, format="multipart")
    assert response.json()["fields"]["files"] == ["Choisissez les fichiers SIECLE à importer."]


def test_it_refuses_an_import_to_a_concepteur(api_for, concepteur_user, cite_college):
    response = api_for(concepteur_user).post(url("imports", cite_college), uploads(cite_college), format="multipart")
    assert (response.status_code, response.json()["code"]) == (403, "role_required")


def test_it_confirms_a_preview(api_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.AWAITING_CONFIRMATION)
    response = api_for(admin_user).post(url("job_confirm", cite_college, job_id=job.pk))
    assert (response.status_code, response.json()["status"], fresh(job).status) == (200, "queued", "queued")


def test_it_refuses_to_confirm_a_finished_import(api_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.SUCCEEDED)
    response = api_for(admin_user).post(url("job_confirm", cite_college, job_id=job.pk))
    assert (response.status_code, response.json()["code"]) == (409, "job_not_awaiting_confirmation")


def test_it_cancels_a_preview(api_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.AWAITING_CONFIRMATION)
    response = api_for(admin_user).post(url("job_cancel", cite_college, job_id=job.pk))
    assert (response.status_code, fresh(job).status) == (200, "cancelled")


def test_it_refuses_to_cancel_a_running_import(api_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.RUNNING)
    response = api_for(admin_user).post(url("job_cancel", cite_college, job_id=job.pk))
    assert (response.status_code, response.json()["code"], fresh(job).status) == (409, "job_not_cancellable", "running")


def test_it_refuses_confirmation_to_a_concepteur(api_for, concepteur_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.AWAITING_CONFIRMATION)
    response = api_for(concepteur_user).post(url("job_confirm", cite_college, job_id=job.pk))
    assert (response.status_code, fresh(job).status) == (403, "awaiting_confirmation")


def test_it_answers_404_when_cancelling_another_organisations_job(api_for, admin_user, cite_college, other_college):
    foreign = JobFactory(establishment=other_college, status=JobStatus.AWAITING_CONFIRMATION)
    response = api_for(admin_user).post(url("job_cancel", cite_college, job_id=foreign.pk))
    assert (response.status_code, fresh(foreign).status) == (404, "awaiting_confirmation")


def test_it_answers_404_when_confirming_an_export_job(api_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, kind=JobKind.EXPORT_MINISTRY, status=JobStatus.QUEUED)
    response = api_for(admin_user).post(url("job_confirm", cite_college, job_id=job.pk))
    assert response.status_code == 404
