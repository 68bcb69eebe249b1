"""Property-based run of the API against its own OpenAPI document (schemathesis): for every operation,
a few dozen generated requests with valid values and as many with invalid ones, none of which may produce
a server error or a response the schema does not allow (status code, content type, body, headers).

Path parameters name real rows of a seeded establishment, so successful answers are checked too; the
scoping tests cover foreign UAIs and ids. (Hypothesis is driven directly rather than through
schemathesis' pytest plugin, whose lazy fixture loader does not run on pytest 9.)"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.services import api_token_create
from tests.jobs.factories import JobFactory
from tests.siecle.factories import GuardianLinkFactory, StudentDivisionFactory, StudentFactory, StudentGroupFactory
from tests.timetables.factories import CourseFactory
from tests.url_samples import URL_KWARG_SAMPLES

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25
# Starting an import or an export: a schema-valid request may still be refused (400) for what the
# establishment's data holds (no NetSynchro certificate, SIECLE files of another school, blocking checks
# or warnings not accepted), which no schema can state. Every other check still applies to them. (No job
# runs here: jobs are dispatched once the test's transaction commits, which it never does.)
DATA_DEPENDENT_STARTS = ("/imports/", "/exports/")


@pytest.fixture
def _requests_keep_the_test_transaction():
    """Requests go through Django's WSGI handler in this thread; like Django's test client, keep its
    end-of-request hook from closing the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(settings, admin_user, cite_college, _requests_keep_the_test_transaction):
    """A token and the path values of real rows: a pupil with a guardian, a division and a group."""
    settings.API_THROTTLE_RATE = "100000/min"  # this run is not about throttling
    link = GuardianLinkFactory(student__establishment=cite_college, student__last_name="Lefèvre")
    division = StudentDivisionFactory(student=link.student, establishment=cite_college).division
    group = StudentGroupFactory(student=link.student, establishment=cite_college).group
    StudentFactory(establishment=cite_college, last_name="Œuvray", is_active=False)
    course = CourseFactory(establishment=cite_college)
    preview = JobFactory(establishment=cite_college, status="awaiting_confirmation", preview={"arrivals": []})
    export_id = URL_KWARG_SAMPLES["export_id"](cite_college)  # an export with its generated file
    return {
        "token": api_token_create(user=admin_user, name="schemathesis")[1],
        "path": {
            "uai": cite_college.uai,
            "student_id": str(link.student_id),
            "division_id": str(division.pk),
            "group_id": str(group.pk),
            "job_id": str(preview.pk),
            "export_id": str(export_id),
        },
        # Query values fixed for some operations in the valid run, so that real rows are answered too.
        "query": {"/courses/": {"week": course.week_pattern.weeks[0]}},
    }


def _check_operation(operation, mode: GenerationMode, seeded: dict) -> None:
    path = {name: value for name, value in seeded["path"].items() if "{" + name + "}" in operation.path}
    fixed = next((q for end, q in seeded["query"].items() if operation.path.endswith(end)), None)
    strategy = operation.as_strategy(
        generation_mode=mode,
        path_parameters=path,
        headers={"Authorization": f"Bearer {seeded['token']}"},
        query=fixed if mode == GenerationMode.POSITIVE else None,
    )

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: schemathesis.Case) -> None:
        # A cursor is an opaque token that only « next »/« previous » produce: any string fits its
        # schema, yet a made-up one is refused (400). Every other check still applies to those requests.
        made_up_cursor = "cursor" in (case.query or {})
        refusable = made_up_cursor or operation.path.endswith(DATA_DEPENDENT_STARTS)
        case.call_and_validate(excluded_checks=[positive_data_acceptance] if refusable else [])

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_it_keeps_to_its_schema(seeded, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        # Invalid values can only be made up for the query: the path values are fixed to real rows.
        if mode == GenerationMode.NEGATIVE and not len(operation.query):
            continue
        _check_operation(operation, mode, seeded)
