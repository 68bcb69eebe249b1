"""« Administration › Utilisateurs »: invitations, roles and establishments, deactivation, the last administrateur."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from establishments.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Emploi-du-temps-2026!"


def members_url(name: str, establishment, **kwargs) -> str:
    return reverse(f"members:{name}", kwargs={"uai": establishment.uai, **kwargs})


def invite(client, establishment, **data) -> str:
    """Invite through the page; returns the link of the e-mail."""
    payload = {"email": "d.martin@ac-lyon.fr", "concepteur": "on", **data}
    response = client.post(members_url("invite", establishment), payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    found = re.search(r"http://testserver(/invitation/\S+/)", str(mail.outbox[-1].body))
    assert found is not None, "the invitation e-mail holds its link"
    return found.group(1)


def accept(client, link: str, username: str = "dmartin"):
    return client.post(link, {"username": username, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_it_lists_members_with_roles_establishments_and_status(client_for, admin_user, cite_staff_user, cite_college):
    page = client_for(admin_user).get(members_url("list", cite_college)).content.decode()
    assert 'data-username="claire"' in page and "administrateur, concepteur" in page and "0691234S, 0691235T" in page


def test_it_invites_by_email_with_a_one_time_link(client_for, admin_user, cite_college):
    invite(client_for(admin_user), cite_college)
    assert mail.outbox[-1].to == ["d.martin@ac-lyon.fr"] and "valable 7 jours" in mail.outbox[-1].body


def test_the_invitee_sets_a_password_and_gets_the_roles_granted(
    client_for, admin_user, cite_college, cite_lycee, client
):
    link = invite(client_for(admin_user), cite_college, etablissements=[cite_lycee.uai])
    response = accept(client, link)
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="dmartin")
    assert membership.roles == ["concepteur"] and list(membership.establishments.all()) == [cite_lycee]


def test_a_used_invitation_link_is_refused(client_for, admin_user, cite_college, client):
    link = invite(client_for(admin_user), cite_college)
    accept(client, link)
    again = accept(client_for(admin_user), link, username="autre")
    assert again.status_code == 410 and 'data-testid="invitation-used"' in again.content.decode()


def test_an_expired_invitation_link_is_refused(client_for, admin_user, cite_college, client):
    link = invite(client_for(admin_user), cite_college)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = accept(client, link)
    assert response.status_code == 410 and not Membership.objects.filter(user__username="dmartin").exists()


def test_an_unknown_invitation_link_is_404(client):
    assert client.get(reverse("accounts:invitation", kwargs={"token": "pas-un-vrai-jeton"})).status_code == 404


def test_the_invitation_link_is_valid_seven_days(client_for, admin_user, cite_college):
    invite(client_for(admin_user), cite_college)
    invitation = Invitation.objects.get()
    assert (invitation.expires_at - invitation.created_at) == timedelta(days=7)


def test_the_token_is_not_stored_in_clear(client_for, admin_user, cite_college):
    link = invite(client_for(admin_user), cite_college)
    token = link.strip("/").split("/")[-1]
    assert not Invitation.objects.filter(token_sha256=token).exists()


def test_it_sets_roles_and_establishments(client_for, admin_user, concepteur_user, cite_college, cite_lp):
    member = Membership.objects.get(user=concepteur_user)
    data = {"administrateur": "on", "concepteur": "on", "etablissements": [cite_lp.uai]}
    client_for(admin_user).post(members_url("edit", cite_college, member_id=member.pk), data)
    member.refresh_from_db()
    assert member.roles == ["administrateur", "concepteur"] and list(member.establishments.all()) == [cite_lp]


def test_a_limited_administrateur_cannot_grant_another_establishment(
    client_for, cite_staff_user, concepteur_user, cite_college, cite_lp
):
    """claire sees the collège and the lycée only: the LP is not hers to grant."""
    response = client_for(cite_staff_user).post(
        members_url("invite", cite_college),
        {"email": "x@ac-lyon.fr", "concepteur": "on", "etablissements": [cite_lp.uai]},
    )
    assert response.status_code == 200 and not Invitation.objects.exists()


def test_a_limited_administrateur_cannot_change_an_organisation_wide_member(
    client_for, cite_staff_user, concepteur_user, cite_college
):
    member = Membership.objects.get(user=concepteur_user)
    response = client_for(cite_staff_user).post(
        members_url("edit", cite_college, member_id=member.pk), {"concepteur": "on"}
    )
    assert response.status_code == 403


def test_a_member_of_another_organisation_is_404(client_for, admin_user, outsider, cite_college):
    foreign = Membership.objects.get(user=outsider)
    response = client_for(admin_user).get(members_url("edit", cite_college, member_id=foreign.pk))
    assert response.status_code == 404


def test_deactivation_keeps_the_member_but_closes_access(client_for, admin_user, concepteur_user, cite_college):
    member = Membership.objects.get(user=concepteur_user)
    client_for(admin_user).post(members_url("deactivate", cite_college, member_id=member.pk))
    assert Membership.objects.filter(pk=member.pk, is_active=False).exists()
    assert (
        client_for(concepteur_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).status_code
        == 404
    )


def test_reactivation_restores_access(client_for, admin_user, concepteur_user, cite_college):
    member = Membership.objects.get(user=concepteur_user)
    Membership.objects.filter(pk=member.pk).update(is_active=False)
    client_for(admin_user).post(members_url("reactivate", cite_college, member_id=member.pk))
    assert (
        client_for(concepteur_user).get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).status_code
        == 200
    )


def test_the_last_administrateur_cannot_remove_their_own_role(client_for, admin_user, cite_college):
    me = Membership.objects.get(user=admin_user)
    response = client_for(admin_user).post(members_url("edit", cite_college, member_id=me.pk), {"concepteur": "on"})
    me.refresh_from_db()
    assert (
        response.status_code == 200 and "dernier administrateur" in response.content.decode() and me.is_administrateur
    )


def test_the_last_administrateur_cannot_be_deactivated(client_for, admin_user, cite_college):
    me = Membership.objects.get(user=admin_user)
    client_for(admin_user).post(members_url("deactivate", cite_college, member_id=me.pk))
    assert Membership.objects.get(pk=me.pk).is_active


def test_an_administrateur_may_step_down_when_another_remains(client_for, admin_user, cite, cite_college):
    MembershipFactory(user=UserFactory(username="denise"), organisation=cite, is_administrateur=True)
    me = Membership.objects.get(user=admin_user)
    client_for(admin_user).post(members_url("edit", cite_college, member_id=me.pk), {"concepteur": "on"})
    assert Membership.objects.get(pk=me.pk).roles == ["concepteur"]


def test_a_cancelled_invitation_link_no_longer_works(client_for, admin_user, cite_college, client):
    link = invite(client_for(admin_user), cite_college)
    invitation = Invitation.objects.get()
    client_for(admin_user).post(members_url("invitation_cancel", cite_college, invitation_id=invitation.pk))
    assert client.get(link).status_code == 404


def test_a_limited_administrateur_cannot_change_a_member_of_an_establishment_outside_theirs(
    client_for, cite, cite_staff_user, cite_college, cite_lycee, cite_lp
):
    """claire (collège + lycée) may not edit a member who also opens the LP."""
    member = MembershipFactory(
        organisation=cite, is_administrateur=False, is_concepteur=True, establishments=[cite_lycee]
    )
    member.establishments.add(cite_lp)  # the LP is outside claire's view: the member is not hers to manage
    response = client_for(cite_staff_user).post(
        members_url("edit", cite_college, member_id=member.pk),
        {"concepteur": "on", "etablissements": [cite_college.uai]},
    )
    assert response.status_code == 403 and set(member.establishments.all()) == {cite_lycee, cite_lp}


def test_a_limited_administrateur_changes_a_member_within_their_establishments(
    client_for, cite, cite_staff_user, cite_college, cite_lycee
):
    member = MembershipFactory(
        organisation=cite, is_administrateur=False, is_concepteur=True, establishments=[cite_lycee]
    )
    client_for(cite_staff_user).post(
        members_url("edit", cite_college, member_id=member.pk),
        {"concepteur": "on", "etablissements": [cite_college.uai]},
    )
    assert list(member.establishments.all()) == [cite_college]
