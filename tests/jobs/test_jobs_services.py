"""The import job's life, called through the services like a worker would (no broker involved)."""

from __future__ import annotations

import dataclasses
import datetime
import os
import socket
import stat
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone
from django_scopes import scopes_disabled

from jobs import progress, services
from jobs.imports import DATA_CHANGED
from jobs.models import Job, JobFile, JobStatus
from jobs.services import ALREADY_RUNNING, INTERRUPTED, JobRefused, job_cancel, job_confirm, jobs_dispatch, jobs_reap
from siecle.importing import bulk
from siecle.models import ImportRun, Student
from tests.jobs.helpers import YEAR, deliver, fresh, make_set, start_files_job, start_netsynchro_job
from tests.siecle.helpers import dump_siecle, import_args, run_import, write_set

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.JOB_FILES_ROOT = str(tmp_path / "job_files")


@pytest.fixture
def college_set(cite_college):
    return make_set(cite_college.uai, students=30, seed=3)


def _students(establishment) -> int:
    with scopes_disabled():
        return Student.objects.filter(establishment=establishment).count()


def test_it_refuses_a_second_import_on_the_same_establishment(cite_college, admin_user, college_set):
    start_files_job(cite_college, admin_user, college_set)
    with pytest.raises(JobRefused) as refused:
        start_files_job(cite_college, admin_user, college_set)
    assert refused.value.message == "Un import est déjà en cours pour cet établissement"
    assert ALREADY_RUNNING == refused.value.message


def test_it_lets_two_establishments_import_at_once(cite_college, cite_lycee, admin_user, college_set):
    first = start_files_job(cite_college, admin_user, college_set, preview=False)
    second = start_files_job(cite_lycee, admin_user, make_set(cite_lycee.uai, students=20, seed=4), preview=False)
    assert deliver(first).status == JobStatus.SUCCEEDED
    assert deliver(second).status == JobStatus.SUCCEEDED


def test_it_frees_the_slot_once_the_import_is_over(cite_college, admin_user, college_set):
    deliver(start_files_job(cite_college, admin_user, college_set, preview=False))
    assert start_files_job(cite_college, admin_user, college_set).status == JobStatus.QUEUED


def test_it_does_nothing_on_a_second_delivery(cite_college, admin_user, college_set):
    job = deliver(start_files_job(cite_college, admin_user, college_set, preview=False))
    again = deliver(job)
    assert (again.attempts, again.finished_at) == (1, job.finished_at)
    with scopes_disabled():
        assert ImportRun.objects.count() == 1


def test_it_stops_at_the_preview_without_writing(cite_college, admin_user, college_set):
    before = dump_siecle()
    job = deliver(start_files_job(cite_college, admin_user, college_set))
    assert job.status == JobStatus.AWAITING_CONFIRMATION
    assert dump_siecle() == before


def test_the_preview_lists_every_arrival(cite_college, admin_user, college_set):
    job = deliver(start_files_job(cite_college, admin_user, college_set))
    arrivals = {row["eleve_id"] for row in job.preview["arrivals"]}
    assert arrivals == {student.eleve_id for student in college_set.people.students}


def test_the_preview_shows_a_change_with_before_and_after(cite_college, admin_user, college_set, tmp_path):
    run_import(*import_args(cite_college.uai, write_set(tmp_path, college_set)))
    pupil = next(s for s in college_set.people.students if not s.has_left(college_set.export_date))
    college_set.people.students = [
        dataclasses.replace(s, first_name="Zoé") if s is pupil else s for s in college_set.people.students
    ]
    job = deliver(start_files_job(cite_college, admin_user, college_set))
    assert job.preview["changes"] == [
        {
            "eleve_id": pupil.eleve_id,
            "ine": pupil.ine or "",
            "name": mock.ANY,
            "field": "prénom",
            "before": pupil.first_name,
            "after": "Zoé",
        }
    ]


def test_it_applies_the_preview_once_confirmed(cite_college, admin_user, college_set):
    job = deliver(start_files_job(cite_college, admin_user, college_set))
    assert job_confirm(job=job)
    job = deliver(job)
    assert job.status == JobStatus.SUCCEEDED
    assert _students(cite_college) == len(college_set.people.students)
    assert job.import_run is not None


def test_it_refuses_to_apply_when_the_data_changed_since_the_preview(cite_college, admin_user, college_set, tmp_path):
    job = deliver(start_files_job(cite_college, admin_user, college_set))
    run_import(*import_args(cite_college.uai, write_set(tmp_path, college_set)))  # someone imported meanwhile
    before = dump_siecle()
    job_confirm(job=job)
    job = deliver(job)
    assert (job.status, job.error) == (JobStatus.FAILED, DATA_CHANGED)
    assert dump_siecle() == before


def test_it_imports_at_once_without_preview(cite_college, admin_user, college_set):
    job = deliver(start_files_job(cite_college, admin_user, college_set, preview=False))
    assert job.status == JobStatus.SUCCEEDED
    assert len(job.preview["arrivals"]) == len(college_set.people.students)


def test_annuler_cancels_the_preview_and_frees_the_slot(cite_college, admin_user, college_set):
    job = deliver(start_files_job(cite_college, admin_user, college_set))
    assert job_cancel(job=job)
    assert fresh(job).status == JobStatus.CANCELLED
    start_files_job(cite_college, admin_user, college_set)


def test_it_refuses_a_sibling_establishments_file_before_creating_a_job(cite_college, cite_lycee, admin_user):
    with pytest.raises(JobRefused, match="Ce fichier concerne le lycée Jean Moulin"):
        start_files_job(cite_college, admin_user, make_set(cite_lycee.uai, students=5))
    with scopes_disabled():
        assert not Job.objects.exists()


def test_it_refuses_another_school_years_file_before_creating_a_job(cite_college, admin_user):
    with pytest.raises(JobRefused, match="année scolaire 2025-2026"):
        start_files_job(cite_college, admin_user, make_set(cite_college.uai, students=5, year=YEAR - 1))


def test_it_refuses_an_unreadable_file_before_creating_a_job(cite_college, admin_user, college_set):
    from jobs.imports import ImportRequest, import_job_start
    from siecle.importing import ImportFile, ImportOptions

    request = ImportRequest(source="files", options=ImportOptions())
    with pytest.raises(JobRefused, match="notes.xml"):
        import_job_start(
            establishment=cite_college,
            school_year=YEAR,
            request=request,
            requested_by=admin_user,
            files=[ImportFile(name="notes.xml", data=b"<html>")],
        )


def test_it_stores_the_files_privately_with_their_sha256(cite_college, admin_user, college_set):
    job = start_files_job(cite_college, admin_user, college_set)
    with scopes_disabled():
        stored = JobFile.objects.filter(job=job).first()
    path = Path(stored.content.path)
    assert path.is_relative_to(settings.JOB_FILES_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stored.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


def test_it_purges_the_files_after_the_retention_period(cite_college, admin_user, college_set):
    job = deliver(start_files_job(cite_college, admin_user, college_set, preview=False))
    with scopes_disabled():
        path = Path(JobFile.objects.filter(job=job).first().content.path)
    later = timezone.now() + datetime.timedelta(days=settings.JOB_FILE_RETENTION_DAYS + 1)
    assert services.job_files_purge(now=later) == 4
    assert not path.exists()


def test_it_keeps_the_files_during_the_retention_period(cite_college, admin_user, college_set):
    deliver(start_files_job(cite_college, admin_user, college_set, preview=False))
    later = timezone.now() + datetime.timedelta(days=settings.JOB_FILE_RETENTION_DAYS - 1)
    assert services.job_files_purge(now=later) == 0


def test_it_publishes_progress_where_the_page_sees_it_while_writing(cite_college, admin_user, college_set):
    job = start_files_job(cite_college, admin_user, college_set, preview=False)
    seen = []
    original = bulk.insert_rows

    def spying(model, rows):
        seen.append(progress.progress_read(job.pk))
        return original(model, rows)

    with mock.patch.object(bulk, "insert_rows", spying):
        deliver(job)
    assert progress.Progress("Écriture", 70) in seen


def test_it_keeps_at_most_the_cap_of_an_organisations_jobs_in_flight(
    cite, cite_college, cite_lycee, cite_lp, admin_user
):
    for establishment in (cite_college, cite_lycee, cite_lp):
        start_files_job(establishment, admin_user, make_set(establishment.uai, students=3))
    with mock.patch.object(services, "_send"):
        sent = jobs_dispatch(organisation_id=cite.pk)
    assert len(sent) == settings.JOB_MAX_RUNNING_PER_ORGANISATION == 2


def test_it_dispatches_other_organisations_regardless_of_a_full_one(
    cite, cite_college, cite_lycee, cite_lp, other_college, admin_user, outsider
):
    for establishment in (cite_college, cite_lycee, cite_lp):
        start_files_job(establishment, admin_user, make_set(establishment.uai, students=3))
    start_files_job(other_college, outsider, make_set(other_college.uai, students=3))
    with mock.patch.object(services, "_send"):
        jobs_dispatch(organisation_id=cite.pk)
        assert len(jobs_dispatch(organisation_id=other_college.organisation_id)) == 1


def test_it_enqueues_the_job_only_once_committed(
    cite_college, admin_user, college_set, django_capture_on_commit_callbacks
):
    with mock.patch.object(services, "_send") as send:
        with django_capture_on_commit_callbacks(execute=True):
            job = start_files_job(cite_college, admin_user, college_set)
            assert not send.called
    send.assert_called_once_with(str(job.pk), "import_siecle")


def _mark_running(job: Job, *, worker: str, beat_seconds_ago: int) -> None:
    with scopes_disabled():
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING,
            worker=worker,
            attempts=1,
            heartbeat_at=timezone.now() - datetime.timedelta(seconds=beat_seconds_ago),
        )


def test_the_reaper_fails_a_job_whose_heartbeat_stopped(cite_college, admin_user, college_set):
    job = start_files_job(cite_college, admin_user, college_set)
    _mark_running(job, worker="autre-serveur:1234", beat_seconds_ago=settings.JOB_STALE_SECONDS + 5)
    assert jobs_reap()["reaped"] == 1
    assert (fresh(job).status, fresh(job).error) == (JobStatus.FAILED, INTERRUPTED)


def test_the_reaper_leaves_a_beating_job_alone(cite_college, admin_user, college_set):
    job = start_files_job(cite_college, admin_user, college_set)
    _mark_running(job, worker="autre-serveur:1234", beat_seconds_ago=1)
    assert jobs_reap()["reaped"] == 0


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_a_redelivered_job_whose_worker_died_is_run_again(cite_college, admin_user, college_set):
    job = start_files_job(cite_college, admin_user, college_set, preview=False)
    _mark_running(job, worker=f"{socket.gethostname()}:{_dead_pid()}", beat_seconds_ago=1)
    job = deliver(job)
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 2)


def test_it_gives_up_after_too_many_attempts(cite_college, admin_user, college_set, settings):
    settings.JOB_MAX_ATTEMPTS = 1
    job = start_files_job(cite_college, admin_user, college_set, preview=False)
    _mark_running(job, worker=f"{socket.gethostname()}:{_dead_pid()}", beat_seconds_ago=1)
    job = deliver(job)
    assert (job.status, job.error) == (JobStatus.FAILED, services.TOO_MANY_ATTEMPTS)


def test_it_refuses_netsynchro_without_a_certificate_before_creating_a_job(cite_college, admin_user):
    with pytest.raises(JobRefused, match="Aucun certificat NetSynchro valide pour 0691234S en 2026-2027"):
        start_netsynchro_job(cite_college, admin_user)


def test_it_fails_in_french_when_netsynchro_cannot_be_reached(cite_college, admin_user, settings):
    settings.NETSYNCHRO_URL = ""
    with mock.patch("jobs.imports.netsynchro_ready", return_value={cite_college.uai: True}):
        job = deliver(start_netsynchro_job(cite_college, admin_user))
    assert job.status == JobStatus.FAILED
    assert job.error.startswith(
        "Récupération sur NetSynchro impossible : La plateforme NetSynchro n'est pas configurée"
    )


def test_it_previews_zipped_exports_with_nomenclatures_and_groups(cite_college, admin_user, college_set):
    from jobs.imports import ImportRequest, import_job_start
    from siecle.formats.generator import export_zip_bytes
    from siecle.importing import ImportFile, ImportOptions

    names = ("ElevesAvecAdresses", "ResponsablesAvecAdresses", "Nomenclature", "Structures")
    files = [ImportFile(name=f"ExportXML_{n}.zip", data=export_zip_bytes(college_set, n)) for n in names]
    request = ImportRequest(source="files", options=ImportOptions(with_nomenclatures=True, groups=True))
    job = import_job_start(
        establishment=cite_college, school_year=YEAR, request=request, requested_by=admin_user, files=files
    )
    assert deliver(job).status == JobStatus.AWAITING_CONFIRMATION


def test_the_organisation_journal_records_the_start_and_the_outcome(
    cite_college, admin_user, college_set, django_capture_on_commit_callbacks
):
    from audit.models import AuditEvent

    job = start_files_job(cite_college, admin_user, college_set, preview=False)
    with django_capture_on_commit_callbacks(execute=True):  # the outcome is journaled once committed
        deliver(job)
    with scopes_disabled():
        kinds = list(
            AuditEvent.objects.filter(establishment=cite_college)
            .order_by("pk")
            .values_list("kind", "details__resultat")
        )
    assert kinds == [("import.started", None), ("import.finished", "succeeded")]
