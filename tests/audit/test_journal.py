"""« Administration › Journal »: each action writes its event; nobody can change or delete one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from audit.kinds import AuditKind
from audit.models import AppendOnlyError, AuditEvent
from audit.services import audit_purge, audit_record
from certificates.services import certificate_copy_forward, certificate_delete
from establishments.models import Membership
from tests.certificates.django_helpers import YEAR, install
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def kinds() -> list[str]:
    with scopes_disabled():
        return list(AuditEvent.objects.order_by("at", "id").values_list("kind", flat=True))


def journal_url(establishment, name: str = "journal") -> str:
    return reverse(f"audit:{name}", kwargs={"uai": establishment.uai})


def an_event(organisation, **kwargs) -> AuditEvent:
    return audit_record(organisation=organisation, kind=AuditKind.LOGIN, summary="Connexion réussie.", **kwargs)


def test_it_records_a_login(client, admin_user, cite_college):
    client.post(reverse("login"), {"username": "alice", "password": TEST_PASSWORD})
    assert kinds() == [AuditKind.LOGIN]


def test_it_records_a_failed_login_of_a_known_user(client, admin_user, cite_college):
    client.post(reverse("login"), {"username": "alice", "password": "mauvais"})
    assert kinds() == [AuditKind.LOGIN_FAILED]


def test_a_failed_login_for_an_unknown_username_goes_to_no_journal(client, admin_user, cite_college):
    client.post(reverse("login"), {"username": "personne", "password": "mauvais"})
    assert kinds() == []


def test_it_records_certificate_added_replaced_copied_and_deleted(cite_college, make_p12):
    install(cite_college, make_p12(cite_college.uai), year=YEAR - 1)
    install(cite_college, make_p12(cite_college.uai), year=YEAR - 1)
    with scopes_disabled():
        copied = certificate_copy_forward(establishment=cite_college, school_year=YEAR)
        certificate_delete(certificate=copied)
    assert kinds() == ["certificate.added", "certificate.replaced", "certificate.copied", "certificate.deleted"]


def test_it_records_an_invitation(client_for, admin_user, cite_college):
    client_for(admin_user).post(
        reverse("members:invite", kwargs={"uai": cite_college.uai}), {"email": "e@ac-lyon.fr", "concepteur": "on"}
    )
    assert kinds()[-1] == AuditKind.MEMBER_INVITED  # after the test client's own login


def test_it_records_a_member_change(client_for, admin_user, concepteur_user, cite_college):
    member = Membership.objects.get(user=concepteur_user)
    client_for(admin_user).post(
        reverse("members:edit", kwargs={"uai": cite_college.uai, "member_id": member.pk}), {"administrateur": "on"}
    )
    assert kinds()[-1] == AuditKind.MEMBER_CHANGED  # after the test client's own login


def test_it_records_a_deactivation(client_for, admin_user, concepteur_user, cite_college):
    member = Membership.objects.get(user=concepteur_user)
    client_for(admin_user).post(reverse("members:deactivate", kwargs={"uai": cite_college.uai, "member_id": member.pk}))
    assert kinds()[-1] == AuditKind.MEMBER_DEACTIVATED  # after the test client's own login


def test_a_journal_entry_cannot_be_saved_again(cite):
    event = an_event(cite)
    event.summary = "réécrit"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_a_journal_entry_cannot_be_deleted(cite):
    with pytest.raises(AppendOnlyError):
        an_event(cite).delete()


def test_the_queryset_refuses_updates(cite):
    an_event(cite)
    with scopes_disabled(), pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(summary="réécrit")


def test_the_database_refuses_an_update_even_in_raw_sql(cite):
    event = an_event(cite)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'réécrit' WHERE id = %s", [event.pk])


def test_the_database_refuses_a_delete_even_in_raw_sql(cite):
    event = an_event(cite)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def test_the_retention_purge_deletes_only_old_events(cite, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old, recent = an_event(cite), an_event(cite)
    with transaction.atomic(), connection.cursor() as cursor:  # backdate through the purge's own permission
        cursor.execute("SELECT set_config('audit.purge', 'on', true)")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [old.pk])
    AuditEvent.objects.model(**{**_fields(old), "at": timezone.now() - timedelta(days=31)}).save()
    assert audit_purge() == {"deleted": 1}
    with scopes_disabled():
        assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def _fields(event: AuditEvent) -> dict:
    names = ("organisation", "establishment", "uai", "actor", "actor_label", "kind", "summary", "details")
    return {name: getattr(event, name) for name in names}


def test_the_django_admin_is_read_only(client, cite):
    client.force_login(UserFactory(username="plateforme", is_staff=True, is_superuser=True))
    event = an_event(cite)
    response = client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"summary": "x"})
    assert response.status_code == 403


def test_the_page_filters_by_establishment(client_for, admin_user, cite, cite_college, cite_lycee):
    an_event(cite, establishment=cite_college)
    an_event(cite, establishment=cite_lycee)
    page = client_for(admin_user).get(journal_url(cite_college), {"etablissement": cite_lycee.uai}).content.decode()
    assert "<code>0691235T</code>" in page and "<code>0691234S</code>" not in page


def test_the_page_filters_by_kind_and_date(client_for, admin_user, cite, cite_college):
    an_event(cite)
    audit_record(organisation=cite, kind=AuditKind.MEMBER_INVITED, summary="Invitation envoyée à x.")
    today = timezone.localdate().isoformat()
    page = client_for(admin_user).get(journal_url(cite_college), {"type": "member.invited", "du": today, "au": today})
    assert "Invitation envoyée à x." in page.content.decode() and "Connexion réussie." not in page.content.decode()


def test_the_csv_lists_who_when_where_and_what(client_for, admin_user, cite, cite_college):
    an_event(cite, establishment=cite_college, actor=admin_user)
    response = client_for(admin_user).get(journal_url(cite_college, "journal_csv"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv") and "alice;Connexion réussie." in body and "0691234S" in body


def test_the_journal_shows_no_other_organisation(client_for, admin_user, other_org, cite_college):
    audit_record(organisation=other_org, kind=AuditKind.LOGIN, summary="Connexion à Victor Hugo.")
    page = client_for(admin_user).get(journal_url(cite_college)).content.decode()
    assert "Connexion à Victor Hugo." not in page


def test_a_concepteur_cannot_read_the_journal(client_for, concepteur_user, cite_college):
    assert client_for(concepteur_user).get(journal_url(cite_college)).status_code == 403
