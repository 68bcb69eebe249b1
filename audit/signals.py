"""Logins and failed logins in the journal of each organisation the user belongs to.

A failed login for a username that matches no account has no organisation: it is not written to any
journal (anyone could otherwise fill every journal, and a password typed in the username field would be
kept); it is logged for the platform's operators with the address only, and throttling still counts it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from audit.kinds import AuditKind
from audit.services import audit_record_for_user

logger = logging.getLogger(__name__)


def _address(request: HttpRequest | None) -> str:
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "") or "inconnue"


def _record_for_each_organisation(user: User, kind: str, summary: str, request: HttpRequest | None) -> None:
    audit_record_for_user(user=user, kind=kind, summary=summary, details={"adresse": _address(request)})


@receiver(user_logged_in, dispatch_uid="audit_login")
def record_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    _record_for_each_organisation(user, AuditKind.LOGIN, "Connexion réussie.", request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def record_login_failure(sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        logger.info("Failed login for an unknown username from %s", _address(request))
        return
    _record_for_each_organisation(user, AuditKind.LOGIN_FAILED, "Échec de connexion (mot de passe refusé).", request)
