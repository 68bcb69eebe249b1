from __future__ import annotations

import pytest

from netsync_portal.celery import app
from tests.celery_worker import running_worker


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_starts_on_the_broker_and_consumes_the_job_queues():
    with running_worker():
        queues = app.control.inspect(timeout=2).active_queues() or {}
    consumed = {queue["name"] for worker_queues in queues.values() for queue in worker_queues}
    assert {"imports", "exports", "default"} <= consumed


def test_imports_and_exports_tasks_are_routed_to_their_queues():
    assert app.amqp.router.route({}, "imports.students")["queue"].name == "imports"
    assert app.amqp.router.route({}, "exports.timetables")["queue"].name == "exports"
