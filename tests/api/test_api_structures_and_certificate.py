"""Divisions and groups with their members; the certificate status, never a secret."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.urls import reverse
from django_scopes import scopes_disabled

from certificates.pki import client_subject, issue_certificate, make_ca, new_private_key
from certificates.services import certificate_install
from establishments.school_years import current_school_year
from tests.siecle.factories import DivisionFactory, StudentDivisionFactory, StudentGroupFactory

pytestmark = pytest.mark.django_db


def test_it_lists_divisions_with_their_present_members_count(api_for, admin_user, cite_college):
    division = DivisionFactory(establishment=cite_college, code="3A")
    StudentDivisionFactory(student__establishment=cite_college, division=division)
    StudentDivisionFactory(student__establishment=cite_college, student__is_active=False, division=division)
    rows = api_for(admin_user).get(reverse("api:divisions", kwargs={"uai": cite_college.uai})).json()
    assert [(row["code"], row["member_count"]) for row in rows] == [("3A", 1)]


def test_it_shows_a_division_with_its_members(api_for, admin_user, cite_college):
    membership = StudentDivisionFactory(student__establishment=cite_college, student__last_name="Martin")
    url = reverse("api:division", kwargs={"uai": cite_college.uai, "division_id": membership.division_id})
    assert [m["last_name"] for m in api_for(admin_user).get(url).json()["members"]] == ["Martin"]


def test_it_shows_a_group_with_its_members(api_for, admin_user, cite_college):
    membership = StudentGroupFactory(student__establishment=cite_college, student__last_name="Petit")
    url = reverse("api:group", kwargs={"uai": cite_college.uai, "group_id": membership.group_id})
    assert [m["last_name"] for m in api_for(admin_user).get(url).json()["members"]] == ["Petit"]


def test_it_answers_404_to_a_group_id_on_the_division_path(api_for, admin_user, cite_college):
    membership = StudentGroupFactory(student__establishment=cite_college)
    url = reverse("api:division", kwargs={"uai": cite_college.uai, "division_id": membership.group_id})
    assert api_for(admin_user).get(url).status_code == 404


def _install_certificate(establishment) -> None:
    now = datetime.now(UTC)
    ca = make_ca("AC de test API", now=now, key_type="ec")
    key = new_private_key("ec")
    certificate = issue_certificate(
        ca,
        subject=client_subject(establishment.uai),
        public_key=key.public_key(),
        not_before=now - timedelta(days=1),
        not_after=now + timedelta(days=500),  # beyond the end of the school year
    )
    data = pkcs12.serialize_key_and_certificates(
        name=b"api",
        key=key,
        cert=certificate,
        cas=[ca.certificate],
        encryption_algorithm=serialization.BestAvailableEncryption(b"Cl3-api!"),
    )
    with scopes_disabled():  # a test's setup, outside any request
        certificate_install(
            establishment=establishment, school_year=current_school_year(), data=data, password="Cl3-api!"
        )


def test_it_reports_a_missing_certificate(api_for, concepteur_user, cite_college):
    body = api_for(concepteur_user).get(reverse("api:certificate", kwargs={"uai": cite_college.uai})).json()
    assert (body["status"]["code"], body["certificate"]) == ("none", None)


def test_it_reports_a_valid_certificate_with_its_public_metadata(api_for, concepteur_user, cite_college):
    _install_certificate(cite_college)
    body = api_for(concepteur_user).get(reverse("api:certificate", kwargs={"uai": cite_college.uai})).json()
    assert (body["status"]["code"], sorted(body["certificate"])) == (
        "valid",
        ["fingerprint_sha256", "issuer", "not_after", "not_before", "serial_number", "subject", "uploaded_at"],
    )


def test_it_never_puts_key_material_in_the_answer(api_for, concepteur_user, cite_college):
    _install_certificate(cite_college)
    text = api_for(concepteur_user).get(reverse("api:certificate", kwargs={"uai": cite_college.uai})).content
    assert b"PRIVATE KEY" not in text and b"encrypted" not in text
