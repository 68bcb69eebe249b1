"""The invitation e-mail (French). The link is the only place the token ever appears."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from accounts.models import Invitation


def send_invitation(invitation: Invitation, *, link: str, inviter_label: str) -> None:
    context = {
        "invitation": invitation,
        "link": link,
        "inviter": inviter_label,
        "organisation": invitation.organisation.name,
        "days": settings.INVITATION_VALID_DAYS,
    }
    send_mail(
        subject=f"Invitation à rejoindre {invitation.organisation.name} sur NetSynchro Portal",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
