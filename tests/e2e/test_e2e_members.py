"""Done-when of the organisation administration issue, in Chromium: an administrateur invites a colleague from
« Administration › Utilisateurs », the colleague accepts the link and signs in, and « Journal » shows both."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("demo_setup", stdout=StringIO())


def test_an_invited_colleague_joins_and_the_journal_shows_it(demo, login, page, live_server, browser):
    login("admin.moulin", "Demo-Admin-2026")
    page.get_by_role("link", name="Utilisateurs", exact=True).first.click()
    page.get_by_role("link", name="Inviter un utilisateur").click()
    page.fill("#id_email", "d.martin@ac-lyon.fr")
    page.get_by_label("Concepteur").check()
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.locator("[data-testid=pending-invitations]")).to_contain_text("d.martin@ac-lyon.fr")

    link = re.search(r"http://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    invitee = browser.new_context(locale="fr-FR").new_page()
    invitee.goto(link)
    invitee.fill("#id_username", "dmartin")
    invitee.fill("#id_password1", "Emploi-du-temps-2026!")
    invitee.fill("#id_password2", "Emploi-du-temps-2026!")
    invitee.get_by_role("button", name="Créer mon compte").click()
    expect(invitee.locator("body")).to_contain_text("Bienvenue")

    page.get_by_role("link", name="Journal", exact=True).first.click()
    expect(page.locator("[data-testid=journal-events]")).to_contain_text("a accepté l'invitation")
