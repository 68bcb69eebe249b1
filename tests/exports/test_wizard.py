"""The wizard « Exporter vers STS-Web / SIECLE »: its steps and labels, the download path, the NetSynchro
path against the sandbox (integrated, rejected, a lost answer retried), the history and the roles."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from establishments.school_years import current_school_year
from exports import jobs as export_jobs
from exports.formats import read_edt_sts
from exports.models import Export
from exports.services import Generated
from jobs.services import job_run
from tests.exports.helpers import build_sample
from tests.factories import MembershipFactory, UserFactory
from tests.netsynchro.helpers import OTHER_UAI

pytestmark = pytest.mark.django_db
YEAR = current_school_year()


@pytest.fixture
def sample(cite_college):
    return build_sample(cite_college, YEAR)


def url(name: str, establishment, **kwargs) -> str:
    return reverse(f"exports:{name}", kwargs={"uai": establishment.uai, **kwargs})


def generate(client, establishment, *, export: str = "sts-web", envoi: str = "download") -> Export:
    response = client.post(url("generate", establishment), {"export": export, "envoi": envoi, "avertissements": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        export_row = Export.objects.select_related("job").get(establishment=establishment)
    assert response["Location"] == url("export", establishment, export_id=export_row.pk)
    return export_row


def run(export: Export) -> Export:
    job_run(job_id=str(export.job_id))  # what the worker does with the message
    with scopes_disabled():
        return Export.objects.select_related("job").get(pk=export.pk)


def test_it_starts_with_the_establishment_step_when_several(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(url("start", cite_college)).content.decode()
    assert "Établissement" in page and "0691234S" in page


def test_it_offers_the_three_exports(client_for, admin_user, cite_college):
    page = client_for(admin_user).get(url("start", cite_college) + "?etape=export").content.decode()
    for label in ("SIECLE BEE", "SIECLE Vie de l&#x27;établissement", "STS-Web"):
        assert label in page


def test_it_stops_at_blocking_errors(client_for, admin_user, sample):
    with scopes_disabled():
        type(sample.subjects[0]).objects.filter(pk=sample.subjects[0].pk).update(code="FRA")
    response = client_for(admin_user).get(url("start", sample.establishment) + "?etape=envoi&export=sts-web")
    page = response.content.decode()
    assert "L'export est bloqué" in page.replace("&#x27;", "'") and "Générer le fichier" not in page


def test_it_explains_netsynchro_without_certificate(client_for, admin_user, sample):
    page = (
        client_for(admin_user).get(url("start", sample.establishment) + "?etape=envoi&export=sts-web").content.decode()
    )
    assert "Générer le fichier" in page and "Télécharger le fichier" in page
    assert 'data-testid="certificate-missing"' in page and "Gestion des certificats" in page
    assert reverse("certificates:manage", kwargs={"uai": sample.establishment.uai}) in page
    assert "valider les services dans STS-Web" in page


def test_it_refuses_netsynchro_without_certificate(client_for, admin_user, sample):
    response = client_for(admin_user).post(
        url("generate", sample.establishment), {"export": "sts-web", "envoi": "netsynchro"}
    )
    assert response.status_code == 400 and "Gestion des certificats" in response.content.decode()
    with scopes_disabled():
        assert not Export.objects.exists()


def test_it_generates_a_file_to_download(client_for, admin_user, sample):
    client = client_for(admin_user)
    export = run(generate(client, sample.establishment))
    assert export.job.status == "succeeded"
    assert (
        "Télécharger le fichier"
        in client.get(url("export", sample.establishment, export_id=export.pk)).content.decode()
    )
    response = client.get(url("file", sample.establishment, export_id=export.pk))
    assert response["Content-Disposition"] == f'attachment; filename="emp_sts_0691234S_{YEAR}.xml"'
    timetable = read_edt_sts(response.content)
    assert [d.code for d in timetable.divisions] == ["3A", "3B"] and timetable.uai == "0691234S"


def test_the_history_lists_the_export_with_its_file(client_for, concepteur_user, sample):
    client = client_for(concepteur_user)
    export = run(generate(client, sample.establishment, export="siecle-bee"))
    page = client.get(url("history", sample.establishment)).content.decode()
    assert "SIECLE BEE" in page and export.filename in page


def test_it_deposits_on_netsynchro_until_integrated(client_for, admin_user, sample, platform):
    client = client_for(admin_user)
    export = run(generate(client, sample.establishment, export="siecle-bee", envoi="netsynchro"))
    assert export.deposit_status == "integre" and export.job.status == "succeeded"
    page = client.get(url("export", sample.establishment, export_id=export.pk)).content.decode()
    assert "Intégré" in page
    assert len(platform.get("/deposits")) == 1


def test_it_shows_a_rejected_deposit_with_the_platform_messages(client_for, admin_user, sample, platform, monkeypatch):
    real = export_jobs.export_generate

    def foreign_uaj(**kwargs: object) -> Generated:
        generated = real(**kwargs)
        return Generated(
            generated.target,
            generated.filename,
            generated.content.replace(b"0691234S", OTHER_UAI.encode()),
            generated.report,
        )

    monkeypatch.setattr(export_jobs, "export_generate", foreign_uaj)
    client = client_for(admin_user)
    export = run(generate(client, sample.establishment, envoi="netsynchro"))
    assert export.deposit_status == "rejete" and export.job.status == "failed"
    page = client.get(url("export", sample.establishment, export_id=export.pk)).content.decode()
    assert "Rejeté" in page and "n&#x27;est pas celui de l&#x27;établissement du certificat" in page


def test_a_lost_answer_is_retried_without_a_second_deposit(client_for, admin_user, sample, platform):
    platform.control(drop_next=1)
    export = run(generate(client_for(admin_user), sample.establishment, envoi="netsynchro"))
    assert export.deposit_status == "integre"
    assert len(platform.get("/deposits")) == 1


def test_a_rerun_job_follows_the_deposit_already_made(client_for, admin_user, sample, platform):
    export = run(generate(client_for(admin_user), sample.establishment, export="siecle-bee", envoi="netsynchro"))
    first = export.deposit_id
    with scopes_disabled():  # the worker died after NetSynchro took the file, before the id was saved
        Export.objects.filter(pk=export.pk).update(deposit_id="", deposit_status="")
        export.refresh_from_db()
        export.job.status = "queued"
        export.job.save(update_fields=["status"])
    export = run(export)
    assert export.deposit_id == first and len(platform.get("/deposits")) == 1


def test_a_member_without_role_gets_403(client_for, cite, sample):
    member = MembershipFactory(user=UserFactory(), organisation=cite, is_administrateur=False, is_concepteur=False).user
    assert client_for(member).get(url("start", sample.establishment)).status_code == 403


def test_an_outsider_gets_404(client_for, outsider, sample):
    assert client_for(outsider).get(url("history", sample.establishment)).status_code == 404


def test_the_progress_fragment_reloads_the_page_once_the_job_ended(client_for, admin_user, sample):
    client = client_for(admin_user)
    export = generate(client, sample.establishment)
    fragment = url("progress", sample.establishment, export_id=export.pk)
    assert "HX-Refresh" not in client.get(fragment + "?statut=queued")
    export = run(export)
    assert client.get(fragment + "?statut=queued")["HX-Refresh"] == "true"
