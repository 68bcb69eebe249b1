"""Import jobs on a real Celery worker process, through the Redis broker, including a SIGKILL mid-write."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from django_scopes import scopes_disabled

from jobs import progress
from jobs.models import Job, JobStatus
from jobs.services import TOO_MANY_ATTEMPTS
from siecle.models import ImportRun, Student
from tests.celery_worker import running_worker
from tests.jobs.helpers import fresh, make_set, start_files_job
from tests.siecle.helpers import dump_siecle, import_args, run_import, write_set

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition: Callable[[], object], *, timeout: float = 60, what: str | Callable[[], str] = "") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what() if callable(what) else what}")


def _finished(job: Job) -> Callable[[], Job | None]:
    def check() -> Job | None:
        current = fresh(job)
        return current if current.is_finished or current.status == JobStatus.AWAITING_CONFIRMATION else None

    return check


def _conninfo() -> str:
    db = connection.settings_dict
    return f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname={db['NAME']}"


def _blocked_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def _activity() -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, wait_event_type, wait_event, left(query, 80) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchall()


def _other_open_transactions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
        )
        return cursor.fetchone()[0]


def _held_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            "WHERE d.datname = current_database() AND l.pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def earlier_import(cite_college, tmp_path):
    data = make_set(cite_college.uai, students=200, seed=11)
    code, _ = run_import(*import_args(cite_college.uai, write_set(tmp_path / "before", data)))
    assert code == 0
    return data


@pytest.fixture
def new_set(cite_college):
    return make_set(cite_college.uai, students=260, seed=12)  # other pupils: arrivals, departures, changes


@contextmanager
def worker_killed_during_the_write(job: Job) -> Iterator[Job]:
    """ImportRun is locked before the worker starts (so the import cannot commit first); once the job has
    written everything but not committed, its worker process is SIGKILLed and the lock released."""
    with psycopg.connect(_conninfo()) as other:
        other.execute(f"LOCK TABLE {ImportRun._meta.db_table} IN EXCLUSIVE MODE")
        with running_worker(queues="imports", pool="prefork"):
            wait_for(
                lambda: (progress.progress_read(job.pk) or progress.Progress("", 0)).percent == 100,
                what=lambda: f"the write ({fresh(job).status}, {progress.progress_read(job.pk)})",
            )
            wait_for(lambda: _blocked_backends() == 1, what=lambda: f"the import blocked {_activity()}")
            os.kill(int(fresh(job).worker.rpartition(":")[2]), signal.SIGKILL)
            other.rollback()
            yield job


def test_a_job_runs_to_success_on_a_real_worker(cite_college, admin_user, new_set):
    job = start_files_job(cite_college, admin_user, new_set, preview=False)
    with running_worker(queues="imports"):
        job = wait_for(_finished(job), what="the job")
    assert job.status == JobStatus.SUCCEEDED
    with scopes_disabled():
        assert Student.objects.filter(establishment=cite_college).count() == len(new_set.people.students)


def test_a_worker_killed_while_writing_leaves_the_database_as_it_was(
    cite_college, admin_user, earlier_import, new_set, monkeypatch
):
    monkeypatch.setenv("JOB_MAX_ATTEMPTS", "1")  # the re-delivered task must not run the import again
    before = dump_siecle()
    job = start_files_job(cite_college, admin_user, new_set, preview=False)
    with worker_killed_during_the_write(job):
        job = wait_for(_finished(job), what="the re-delivered job")
        wait_for(lambda: _other_open_transactions() == 0, what="the dead transaction to end")
    assert (job.status, job.error) == (JobStatus.FAILED, TOO_MANY_ATTEMPTS)
    assert dump_siecle() == before
    assert _held_locks() == 0


def test_a_job_whose_worker_was_killed_is_run_again_to_success(
    cite_college, admin_user, earlier_import, new_set, tmp_path
):
    job = start_files_job(cite_college, admin_user, new_set, preview=False)
    with worker_killed_during_the_write(job):
        job = wait_for(_finished(job), what="the re-run")
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 2)
    with scopes_disabled():
        assert ImportRun.objects.filter(establishment=cite_college).count() == 2  # the earlier one and this one
        present = Student.objects.filter(establishment=cite_college, is_active=True)
        assert set(present.values_list("eleve_id", flat=True)) == {
            s.eleve_id for s in new_set.people.students if not s.has_left(new_set.export_date)
        }
