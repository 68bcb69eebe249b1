"""The daily expiry check: thresholds 30 days, 7 days and expired, one e-mail per threshold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from certificates.models import Certificate
from certificates.services import certificate_expiry_check
from certificates.tasks import check_certificate_expiry
from tests.certificates.django_helpers import install
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admins(admin_user, concepteur_user, cite, cite_lp):
    admin_user.email = "alice@example.fr"
    admin_user.save()
    concepteur_user.email = "bob@example.fr"  # concepteur only: never e-mailed
    concepteur_user.save()
    limited = UserFactory(username="dora", email="dora@example.fr")
    MembershipFactory(user=limited, organisation=cite, is_administrateur=True, establishments=[cite_lp])
    return admin_user


def notice(certificate: Certificate) -> str:
    with scopes_disabled():
        return Certificate.objects.get(pk=certificate.pk).expiry_notice


def test_thresholds_are_e_mailed_once_each(admins, cite_college, make_p12) -> None:
    certificate = install(cite_college, make_p12(cite_college.uai, ends=40))
    now = timezone.now()
    assert certificate_expiry_check(now=now) == {"notified": 0}
    assert certificate_expiry_check(now=now + timedelta(days=12)) == {"notified": 1}
    assert notice(certificate) == "30"
    assert certificate_expiry_check(now=now + timedelta(days=13)) == {"notified": 0}  # once per threshold
    assert certificate_expiry_check(now=now + timedelta(days=35)) == {"notified": 1}
    assert notice(certificate) == "7"
    assert certificate_expiry_check(now=now + timedelta(days=41)) == {"notified": 1}
    assert notice(certificate) == "expired"
    assert certificate_expiry_check(now=now + timedelta(days=50)) == {"notified": 0}
    assert len(mail.outbox) == 3
    assert all(message.to == ["alice@example.fr"] for message in mail.outbox)  # not bob, not dora (lp only)
    assert "0691234S" in mail.outbox[0].subject and "expire dans" in mail.outbox[0].subject
    assert "a expiré" in mail.outbox[2].subject


def test_a_replacement_starts_a_new_cycle(admins, cite_college, make_p12) -> None:
    install(cite_college, make_p12(cite_college.uai, ends=5))
    check_certificate_expiry()
    replaced = install(cite_college, make_p12(cite_college.uai, ends=300))
    assert notice(replaced) == ""
    assert check_certificate_expiry() == {"notified": 0}
    assert len(mail.outbox) == 1


def test_past_school_years_are_ignored(admins, cite_college, make_p12) -> None:
    from tests.certificates.django_helpers import YEAR

    install(cite_college, make_p12(cite_college.uai, ends=3), year=YEAR - 1)
    assert certificate_expiry_check() == {"notified": 0}
