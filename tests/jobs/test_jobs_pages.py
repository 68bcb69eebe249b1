"""« Importer des données », the job page and its polled fragment, « Historique des imports » and its CSV."""

from __future__ import annotations

import csv
import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from jobs import progress, services
from jobs.models import Job, JobStatus
from siecle.formats.generator import export_xml_bytes
from tests.jobs.factories import JobFactory
from tests.jobs.helpers import YEAR, deliver, make_set, start_files_job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.JOB_FILES_ROOT = str(tmp_path / "job_files")


@pytest.fixture(autouse=True)
def _no_broker():
    with mock.patch.object(services, "_send") as send:
        yield send


def _uploads(data, names=("ElevesAvecAdresses", "ResponsablesAvecAdresses")) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"{name}.xml", export_xml_bytes(data, name)) for name in names]


def _form(uai: str, data, **fields) -> dict:
    return {
        "eleves": "on",
        "source": "files",
        "files": _uploads(data),
        "school_year": str(YEAR),
        "uai": uai,
        **fields,
    }


def _jobs() -> list[Job]:
    with scopes_disabled():
        return list(Job.objects.all())


def test_the_menu_shows_importer_des_donnees_under_administration(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    nav = page.content.decode().split('aria-label="Menu principal"')[1].split("</nav>")[0]
    assert 'aria-label="Administration"' in nav
    assert nav.index("Administration") < nav.index("Importer des données")


def test_the_menu_hides_the_entry_from_a_concepteur(client_for, concepteur_user, cite_college):
    page = client_for(concepteur_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    assert "Importer des données" not in page.content.decode()


def test_a_concepteur_cannot_open_the_import_page(client_for, concepteur_user, cite_college):
    url = reverse("jobs:import", kwargs={"uai": cite_college.uai})
    assert client_for(concepteur_user).get(url).status_code == 403


def test_the_form_has_the_guides_labels(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(reverse("jobs:import", kwargs={"uai": cite_college.uai})).content.decode()
    for label in (
        "Élèves et responsables",
        "SIECLE via NetSynchro",
        "Fichiers SIECLE",
        "Année scolaire",
        "Avec nomenclatures",
        "Conserver les élèves déjà présents",
        "Importer la répartition des élèves dans les groupes",
        "Importer sans aperçu",
        "Suivant",
    ):
        assert f">{label}<" in page, label


def test_it_starts_a_files_import_and_opens_the_job_page(client_for, admin_user, cite_college):
    data = make_set(cite_college.uai, students=10)
    response = client_for(admin_user).post(
        reverse("jobs:import", kwargs={"uai": cite_college.uai}), _form("0691234S", data)
    )
    [job] = _jobs()
    assert response["Location"] == reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk})
    assert (job.options["source"], job.options["preview"]) == ("files", True)


def test_it_imports_for_the_establishment_chosen_in_the_second_step(client_for, admin_user, cite_college, cite_lycee):
    data = make_set(cite_lycee.uai, students=10)
    client_for(admin_user).post(reverse("jobs:import", kwargs={"uai": cite_college.uai}), _form(cite_lycee.uai, data))
    assert [job.establishment for job in _jobs()] == [cite_lycee]


def test_the_establishment_step_preselects_the_urls_establishment(client_for, admin_user, cite_lycee):
    page = client_for(admin_user).get(reverse("jobs:import", kwargs={"uai": cite_lycee.uai})).content.decode()
    assert '<option value="0691235T" selected>0691235T — Lycée Jean Moulin</option>' in page


def test_a_siblings_file_is_refused_on_the_form_and_no_job_is_created(client_for, admin_user, cite_college, cite_lycee):
    data = make_set(cite_lycee.uai, students=10)
    response = client_for(admin_user).post(
        reverse("jobs:import", kwargs={"uai": cite_college.uai}), _form("0691234S", data)
    )
    assert "Ce fichier concerne le lycée Jean Moulin (UAI 0691235T)" in response.content.decode()
    assert _jobs() == []


def test_an_oversized_file_is_refused_with_the_limit_and_no_job_is_created(
    client_for, admin_user, cite_college, settings
):
    settings.IMPORT_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    data = make_set(cite_college.uai, students=10)
    fields = _form("0691234S", data, files=[SimpleUploadedFile("gros.zip", b"x" * (3 * 1024 * 1024))])
    response = client_for(admin_user).post(reverse("jobs:import", kwargs={"uai": cite_college.uai}), fields)
    assert "« gros.zip » dépasse la taille maximale de 2 Mo par fichier" in response.content.decode()
    assert _jobs() == []


def test_a_request_over_the_total_limit_is_refused_before_being_read(client_for, admin_user, cite_college, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1024
    url = reverse("jobs:import", kwargs={"uai": cite_college.uai})
    client = client_for(admin_user)
    response = client.post(url, _form("0691234S", make_set(cite_college.uai, students=300)), follow=True)
    assert "Envoi trop volumineux" in response.content.decode()
    assert _jobs() == []


def test_netsynchro_without_a_certificate_links_to_the_certificates(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(reverse("jobs:import", kwargs={"uai": cite_college.uai})).content.decode()
    assert "Aucun certificat NetSynchro valide pour 0691234S" in page
    assert f'href="{reverse("certificates:manage", kwargs={"uai": cite_college.uai})}">Gestion des certificats<' in page


def test_a_second_import_is_refused_on_the_form(client_for, admin_user, cite_college):
    JobFactory(establishment=cite_college)
    data = make_set(cite_college.uai, students=10)
    response = client_for(admin_user).post(
        reverse("jobs:import", kwargs={"uai": cite_college.uai}), _form("0691234S", data)
    )
    assert "Un import est déjà en cours pour cet établissement" in response.content.decode()


def test_the_job_page_polls_its_fragment_every_second(client_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college)
    page = client_for(admin_user).get(reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk}))
    fragment = reverse("jobs:job_progress", kwargs={"uai": cite_college.uai, "job_id": job.pk})
    assert f'hx-get="{fragment}" hx-trigger="every 1s"' in page.content.decode()


def test_the_fragment_shows_the_live_progress_of_a_running_job(client_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.RUNNING)
    progress.progress_publish(job.pk, progress.step_progress("writing", 2, 4))
    fragment = client_for(admin_user).get(
        reverse("jobs:job_progress", kwargs={"uai": cite_college.uai, "job_id": job.pk})
    )
    html = fragment.content.decode()
    assert '<progress class="job-progress" max="100" value="85"' in html
    assert ">Écriture<" in html


def test_the_fragment_stops_polling_and_reloads_the_page_once_over(client_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.SUCCEEDED)
    fragment = client_for(admin_user).get(
        reverse("jobs:job_progress", kwargs={"uai": cite_college.uai, "job_id": job.pk})
    )
    assert fragment["HX-Refresh"] == "true"
    assert "hx-trigger" not in fragment.content.decode()


@pytest.fixture
def previewed(cite_college, admin_user):
    return deliver(start_files_job(cite_college, admin_user, make_set(cite_college.uai, students=12)))


def test_the_preview_offers_importer_and_annuler(client_for, admin_user, cite_college, previewed):
    page = client_for(admin_user).get(reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": previewed.pk}))
    html = page.content.decode()
    assert "Aperçu de l'import" in html
    assert ">Importer</button>" in html and ">Annuler</button>" in html


def test_importer_queues_the_previewed_job_again(client_for, admin_user, cite_college, previewed):
    url = reverse("jobs:job_confirm", kwargs={"uai": cite_college.uai, "job_id": previewed.pk})
    client_for(admin_user).post(url)
    with scopes_disabled():
        assert Job.objects.get(pk=previewed.pk).status == JobStatus.QUEUED


def test_annuler_cancels_the_preview(client_for, admin_user, cite_college, previewed):
    client_for(admin_user).post(reverse("jobs:job_cancel", kwargs={"uai": cite_college.uai, "job_id": previewed.pk}))
    with scopes_disabled():
        assert Job.objects.get(pk=previewed.pk).status == JobStatus.CANCELLED


def test_the_finished_page_says_import_termine_with_a_link_to_the_students(client_for, admin_user, cite_college):
    job = deliver(start_files_job(cite_college, admin_user, make_set(cite_college.uai, students=12), preview=False))
    html = (
        client_for(admin_user)
        .get(reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk}))
        .content.decode()
    )
    assert "Import terminé" in html
    assert reverse("siecle:students", kwargs={"uai": cite_college.uai}) in html
    assert ">Fermer<" in html


def test_a_failed_job_says_what_went_wrong(client_for, admin_user, cite_college):
    job = JobFactory(establishment=cite_college, status=JobStatus.FAILED, error=services.INTERRUPTED)
    html = (
        client_for(admin_user)
        .get(reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk}))
        .content.decode()
    )
    assert "relancez l&#x27;import" in html


def test_the_history_lists_each_import_with_its_author(client_for, admin_user, cite_college):
    deliver(start_files_job(cite_college, admin_user, make_set(cite_college.uai, students=12), preview=False))
    html = client_for(admin_user).get(reverse("jobs:history", kwargs={"uai": cite_college.uai})).content.decode()
    assert "Historique des imports" in html
    assert "<td>Terminé</td>" in html and "<td>alice</td>" in html


def test_the_csv_report_has_one_line_per_arrival(client_for, admin_user, cite_college):
    data = make_set(cite_college.uai, students=12)
    job = deliver(start_files_job(cite_college, admin_user, data, preview=False))
    response = client_for(admin_user).get(
        reverse("jobs:job_report", kwargs={"uai": cite_college.uai, "job_id": job.pk})
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    arrivals = {row[1] for row in rows if row[0] == "arrivée"}
    assert arrivals == {student.eleve_id for student in data.people.students}


def test_a_job_of_a_sibling_establishment_is_not_found_under_this_one(client_for, admin_user, cite_college, cite_lycee):
    job = JobFactory(establishment=cite_lycee)
    response = client_for(admin_user).get(reverse("jobs:job", kwargs={"uai": cite_college.uai, "job_id": job.pk}))
    assert response.status_code == 404


def test_netsynchro_without_a_certificate_is_refused_and_no_job_is_created(client_for, admin_user, cite_college):
    fields = {"eleves": "on", "source": "netsynchro", "school_year": str(YEAR), "uai": cite_college.uai}
    response = client_for(admin_user).post(reverse("jobs:import", kwargs={"uai": cite_college.uai}), fields)
    assert "Aucun certificat NetSynchro valide pour 0691234S en 2026-2027" in response.content.decode()
    assert _jobs() == []
