"""« Structures et services (STS-Web) » in « Importer des données »: a job like the students' import."""

from __future__ import annotations

import csv
import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from jobs import services
from jobs.models import Job, JobKind, JobStatus
from jobs.services import JobRefused, job_confirm
from jobs.sts import sts_job_start
from siecle.importing import ImportFile
from tests.jobs.factories import JobFactory
from tests.jobs.helpers import YEAR, deliver, make_set, start_files_job
from tests.timetables.helpers import sts_xml, zipped
from timetables.importing import sts_import_apply
from timetables.models import Service, Teacher

pytestmark = pytest.mark.django_db

STS_NAME = "sts_emp_0691234S_2026.xml"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.JOB_FILES_ROOT = str(tmp_path / "job_files")


@pytest.fixture(autouse=True)
def _no_broker():
    with mock.patch.object(services, "_send") as send:
        yield send


def _form(uai: str, data: bytes, name: str = STS_NAME, **fields: str) -> dict:
    return {
        "sts": "on",
        "source": "files",
        "files": [SimpleUploadedFile(name, data)],
        "school_year": str(YEAR),
        "uai": uai,
        **fields,
    }


def _post(client, uai: str, form: dict):
    return client.post(reverse("jobs:import", kwargs={"uai": uai}), form)


def _jobs() -> list[Job]:
    with scopes_disabled():
        return list(Job.objects.all())


def _start(establishment, user, data: bytes | None = None, *, preview: bool = True) -> Job:
    upload = ImportFile(name=STS_NAME, data=data or sts_xml(uai=establishment.uai))
    return sts_job_start(
        establishment=establishment, school_year=YEAR, upload=upload, preview=preview, requested_by=user
    )


def _page(client, job: Job) -> str:
    url = reverse("jobs:job", kwargs={"uai": job.establishment.uai, "job_id": job.pk})
    return client.get(url).content.decode()


def _teachers() -> int:
    with scopes_disabled():
        return Teacher.objects.count()


def test_the_form_offers_the_sts_data_kind(client_for, admin_user, cite_college):
    html = client_for(admin_user).get(reverse("jobs:import", kwargs={"uai": cite_college.uai})).content.decode()
    assert "Structures et services (STS-Web)" in html and "sts_emp_&lt;UAI&gt;_&lt;ANNÉE&gt;.xml" in html


def test_it_starts_an_sts_job_from_the_form_and_opens_its_page(client_for, admin_user, cite_college):
    response = _post(client_for(admin_user), cite_college.uai, _form(cite_college.uai, sts_xml()))
    [job] = _jobs()
    assert (job.kind, job.status) == (JobKind.IMPORT_STS, JobStatus.QUEUED)
    assert response.url == reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk})


def test_it_refuses_a_siblings_sts_file_on_the_form_and_creates_no_job(client_for, admin_user, cite_college):
    form = _form(cite_college.uai, sts_xml(uai="0691235T"))
    html = _post(client_for(admin_user), cite_college.uai, form).content.decode()
    assert "Ce fichier STS-Web est celui de l&#x27;établissement 0691235T, pas de 0691234S" in html
    assert _jobs() == []


def test_it_refuses_another_years_sts_file_and_creates_no_job(client_for, admin_user, cite_college):
    html = _post(client_for(admin_user), cite_college.uai, _form(cite_college.uai, sts_xml(year=2025))).content.decode()
    assert "celui de l&#x27;année 2025-2026, pas de 2026-2027" in html
    assert _jobs() == []


def test_it_refuses_the_upload_file_towards_sts_web_and_creates_no_job(client_for, admin_user, cite_college):
    form = _form(cite_college.uai, sts_xml(root="EDT_STS"))
    html = _post(client_for(admin_user), cite_college.uai, form).content.decode()
    assert "racine EDT_STS" in html and "pas l&#x27;export de STS-Web" in html
    assert _jobs() == []


def test_it_refuses_both_data_kinds_ticked_together(client_for, admin_user, cite_college):
    form = _form(cite_college.uai, sts_xml(), eleves="on")
    html = _post(client_for(admin_user), cite_college.uai, form).content.decode()
    assert "Cochez une seule donnée à la fois" in html
    assert _jobs() == []


def test_it_asks_for_the_sts_file_when_the_box_is_ticked_without_one(client_for, admin_user, cite_college):
    form = _form(cite_college.uai, b"")
    del form["files"]
    html = _post(client_for(admin_user), cite_college.uai, form).content.decode()
    assert "Choisissez le fichier STS-Web à importer, un seul" in html
    assert _jobs() == []


def test_it_asks_for_a_data_kind_when_none_is_ticked(client_for, admin_user, cite_college):
    form = {"source": "files", "school_year": str(YEAR), "uai": cite_college.uai}
    html = _post(client_for(admin_user), cite_college.uai, form).content.decode()
    assert "Cochez « Élèves et responsables » ou « Structures et services (STS-Web) »." in html


def test_a_concepteur_cannot_start_an_sts_import(client_for, concepteur_user, cite_college):
    response = _post(client_for(concepteur_user), cite_college.uai, _form(cite_college.uai, sts_xml()))
    assert response.status_code == 403
    assert _jobs() == []


def test_a_concepteur_cannot_open_an_sts_job(client_for, concepteur_user, admin_user, cite_college):
    job = _start(cite_college, admin_user)
    url = reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk})
    assert client_for(concepteur_user).get(url).status_code == 403


def test_an_outsider_does_not_find_an_sts_job(client_for, outsider, admin_user, cite_college):
    job = _start(cite_college, admin_user)
    url = reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk})
    assert client_for(outsider).get(url).status_code == 404


def test_it_shares_the_one_active_import_slot_with_the_students_import(admin_user, cite_college):
    start_files_job(cite_college, admin_user, make_set(cite_college.uai, students=5))
    with pytest.raises(JobRefused, match="Un import est déjà en cours"):
        _start(cite_college, admin_user)


def test_the_database_constraint_covers_the_sts_kind(cite_college):
    JobFactory(establishment=cite_college, kind=JobKind.IMPORT_STS, status=JobStatus.AWAITING_CONFIRMATION)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobFactory(establishment=cite_college, kind=JobKind.IMPORT_SIECLE, status=JobStatus.QUEUED)


def test_the_first_run_previews_and_writes_nothing(admin_user, cite_college):
    job = deliver(_start(cite_college, admin_user))
    assert job.status == JobStatus.AWAITING_CONFIRMATION
    assert job.preview["changes"]["teachers"]["created"] == 2
    assert _teachers() == 0


def test_the_preview_page_shows_counts_changes_and_importer(client_for, admin_user, cite_college):
    job = deliver(_start(cite_college, admin_user))
    html = _page(client_for(admin_user), job)
    assert "Aperçu de l'import" in html
    assert 'data-testid="sts-counts"' in html and 'data-testid="sts-changes"' in html
    assert ">Importer</button>" in html and ">Annuler</button>" in html


def test_importer_applies_the_previewed_file(admin_user, cite_college):
    job = deliver(_start(cite_college, admin_user))
    job_confirm(job=job)
    job = deliver(job)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["changes"]["services"]["created"] == 2
    with scopes_disabled():
        assert Service.objects.count() == 2


def test_importer_sans_apercu_applies_at_once(admin_user, cite_college):
    job = deliver(_start(cite_college, admin_user, zipped(sts_xml()), preview=False))
    assert job.status == JobStatus.SUCCEEDED
    assert _teachers() == 2


def test_a_re_import_changes_nothing(admin_user, cite_college):
    deliver(_start(cite_college, admin_user, preview=False))
    again = deliver(_start(cite_college, admin_user, preview=False))
    assert again.status == JobStatus.SUCCEEDED
    assert all(
        value == 0 for table in again.result["changes"].values() for key, value in table.items() if key != "unchanged"
    )
    assert not again.preview["changed"]


def test_importer_refuses_when_the_data_changed_since_the_preview(admin_user, cite_college):
    job = deliver(_start(cite_college, admin_user))
    # Meanwhile (e.g. the command) a file with one more service for 6 A is applied.
    extra = (
        '<SERVICE CODE_MATIERE="030602" CODE_MOD_COURS="CG"><ENSEIGNANTS><ENSEIGNANT ID="8949" TYPE="local">'
        "<HEURES_AGENT>1.00</HEURES_AGENT></ENSEIGNANT></ENSEIGNANTS></SERVICE>"
    )
    sts_import_apply(establishment=cite_college, school_year=YEAR, source=sts_xml(services=extra))
    job_confirm(job=job)
    job = deliver(job)
    assert job.status == JobStatus.FAILED and "Les données ont changé depuis l'aperçu" in job.error
    with scopes_disabled():
        assert Service.objects.count() == 3  # the refused apply (which would delete it) was rolled back


def test_the_finished_page_links_to_the_timetable(client_for, admin_user, cite_college):
    job = deliver(_start(cite_college, admin_user, preview=False))
    html = _page(client_for(admin_user), job)
    assert "Import terminé" in html
    assert reverse("timetables:index", kwargs={"uai": cite_college.uai}) in html
    assert ">Emploi du temps<" in html


def test_the_history_lists_the_sts_job_with_its_csv_report(client_for, admin_user, cite_college):
    job = deliver(_start(cite_college, admin_user, preview=False))
    client = client_for(admin_user)
    html = client.get(reverse("jobs:history", kwargs={"uai": cite_college.uai})).content.decode()
    assert "<td>Structures et services (STS-Web)</td>" in html
    report = client.get(reverse("jobs:job_report", kwargs={"uai": cite_college.uai, "job_id": job.pk}))
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig")), delimiter=";"))
    assert ["changements", "Services", "2", "0", "0", "0", ""] in rows
