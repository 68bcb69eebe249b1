"""« Mon compte », the password reset by e-mail, and two-factor authentication (TOTP) at enrolment and login."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.totp import TotpError, totp_disable
from establishments.models import Organisation
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouvelle-Cle-Rentree-2026"


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def login(client, username: str) -> object:
    return client.post(reverse("login"), {"username": username, "password": TEST_PASSWORD})


def test_it_changes_the_password_on_mon_compte(client_for, admin_user):
    client = client_for(admin_user)
    data = {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(reverse("accounts:password_change"), data)
    admin_user.refresh_from_db()
    assert response.status_code == 302 and admin_user.check_password(NEW_PASSWORD)


def test_it_refuses_a_weak_new_password(client_for, admin_user):
    data = {"old_password": TEST_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    response = client_for(admin_user).post(reverse("accounts:password_change"), data)
    assert response.status_code == 200 and "trop court" in response.content.decode()


def test_it_resets_a_forgotten_password_by_email(client, admin_user):
    admin_user.email = "alice@ac-lyon.fr"
    admin_user.save()
    client.post(reverse("password_reset"), {"email": "alice@ac-lyon.fr"})
    link = re.search(r"http://testserver(/mot-de-passe-oublie/\S+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    admin_user.refresh_from_db()
    assert admin_user.check_password(NEW_PASSWORD) and "Bonjour" in mail.outbox[-1].body


def test_a_used_reset_link_is_refused(client, admin_user):
    admin_user.email = "alice@ac-lyon.fr"
    admin_user.save()
    client.post(reverse("password_reset"), {"email": "alice@ac-lyon.fr"})
    link = re.search(r"http://testserver(/mot-de-passe-oublie/\S+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert 'data-testid="reset-invalid"' in client.get(link, follow=True).content.decode()


def test_it_enrols_an_authenticator_with_a_local_qr_code(client_for, admin_user):
    client = client_for(admin_user)
    page = client.get(reverse("accounts:totp")).content.decode()
    device = TOTPDevice.objects.get(user=admin_user)
    response = client.post(reverse("accounts:totp"), {"token": code(device)})
    assert "<svg" in page and response.status_code == 302 and TOTPDevice.objects.get(user=admin_user).confirmed


def test_a_wrong_code_does_not_confirm_the_enrolment(client_for, admin_user):
    client = client_for(admin_user)
    client.get(reverse("accounts:totp"))
    client.post(reverse("accounts:totp"), {"token": "000000"})
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()


def test_login_asks_for_the_code_when_2fa_is_on(client, admin_user, cite_college):
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    login(client, "alice")
    response = client.get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_verify"))


def test_the_right_code_completes_the_login(client, admin_user, cite_college):
    device = TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    login(client, "alice")
    client.post(reverse("accounts:otp_verify"), {"token": code(device)})
    assert client.get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).status_code == 200


def test_a_wrong_code_keeps_the_pages_closed(client, admin_user, cite_college):
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    login(client, "alice")
    client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert client.get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).status_code == 302


def test_mandatory_2fa_sends_an_administrateur_to_enrolment(client, admin_user, cite, cite_college):
    Organisation.objects.filter(pk=cite.pk).update(administrateurs_totp_required=True)
    login(client, "alice")
    response = client.get(reverse("establishments:home", kwargs={"uai": cite_college.uai}))
    assert response["Location"].startswith(reverse("accounts:totp"))


def test_mandatory_2fa_for_administrateurs_leaves_concepteurs_free(client, concepteur_user, cite, cite_college):
    Organisation.objects.filter(pk=cite.pk).update(administrateurs_totp_required=True)
    login(client, "bob")
    assert client.get(reverse("establishments:home", kwargs={"uai": cite_college.uai})).status_code == 200


def test_mandatory_2fa_cannot_be_switched_off_by_the_administrateur(admin_user, cite):
    Organisation.objects.filter(pk=cite.pk).update(administrateurs_totp_required=True)
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    with pytest.raises(TotpError):
        totp_disable(user=admin_user)
    assert TOTPDevice.objects.filter(user=admin_user).exists()
