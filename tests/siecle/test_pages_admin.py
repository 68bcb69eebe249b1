"""The Django admin lists the SIECLE tables for platform staff, read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.siecle.factories import StudentFactory

pytestmark = pytest.mark.django_db


def test_platform_staff_can_read_students_but_not_change_them(client_for, cite_college):
    staff = UserFactory(is_staff=True, is_superuser=True)
    student = StudentFactory(establishment=cite_college, last_name="LECTURE")
    client = client_for(staff)
    assert "LECTURE" in client.get(reverse("admin:siecle_student_changelist")).content.decode()
    assert client.post(reverse("admin:siecle_student_change", args=[student.pk]), {"last_name": "X"}).status_code == 403
