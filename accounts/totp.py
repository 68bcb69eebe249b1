"""Two-factor authentication with TOTP codes (an authenticator application), on django-otp.

django-otp is the maintained reference for one-time passwords in Django (Jazzband): its TOTP device
stores the secret, verifies codes with a drift tolerance, refuses a code used twice and throttles
guessing; its middleware marks a session "verified" after the second step. The QR code of the
enrolment is drawn here as inline SVG by segno (pure Python, no image library, nothing fetched).
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.kinds import AuditKind
from audit.services import audit_record_for_user
from establishments.models import Membership

DEVICE_NAME = "Application d'authentification"


class TotpError(Exception):
    """A refused 2FA change, with a French message."""


def totp_enabled(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def totp_required(user: User) -> bool:
    """True when the user administers an organisation that makes 2FA mandatory for its administrateurs."""
    return Membership.objects.filter(
        user=user, is_active=True, is_administrateur=True, organisation__administrateurs_totp_required=True
    ).exists()


def totp_pending_device(user: User) -> TOTPDevice:
    """The not-yet-confirmed device of an enrolment (one per user, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing it into an application by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="Code QR à scanner")


@transaction.atomic
def totp_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm the enrolment with a first code; the session becomes verified. False when the code is wrong."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit_record_for_user(user=device.user, kind=AuditKind.TOTP_ENABLED, summary="Double authentification activée.")
    return True


@transaction.atomic
def totp_disable(*, user: User) -> None:
    if totp_required(user):
        raise TotpError(
            "Votre organisation rend la double authentification obligatoire pour les administrateurs : "
            "elle ne peut pas être désactivée."
        )
    TOTPDevice.objects.filter(user=user).delete()
    audit_record_for_user(user=user, kind=AuditKind.TOTP_DISABLED, summary="Double authentification désactivée.")
