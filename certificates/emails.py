"""The expiry e-mail to an organisation's administrateurs (those who may see the establishment)."""

from __future__ import annotations

from datetime import datetime

from django.core.mail import send_mail
from django.db.models import Q

from certificates.models import Certificate
from certificates.status import validity_status
from establishments.models import Establishment, Membership
from establishments.school_years import school_year_label


def administrateur_emails(establishment: Establishment) -> list[str]:
    memberships = (
        Membership.objects.filter(organisation_id=establishment.organisation_id, is_administrateur=True)
        .filter(Q(establishments__isnull=True) | Q(establishments=establishment))
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .distinct()
    )
    return sorted({membership.user.email for membership in memberships})


def send_expiry_notice(certificate: Certificate, *, now: datetime) -> None:
    recipients = administrateur_emails(certificate.establishment)
    if not recipients:
        return
    establishment = certificate.establishment
    status = validity_status(certificate.not_after, now)
    what = "a expiré" if status.code == "expired" else status.label
    subject = f"Certificat NetSynchro {establishment.uai} ({school_year_label(certificate.school_year)}) : {what}"
    body = (
        f"Bonjour,\n\n"
        f"Le certificat NetSynchro de {establishment.name} ({establishment.uai}) pour l'année "
        f"{school_year_label(certificate.school_year)} {what}.\n"
        f"Empreinte SHA-256 : {certificate.fingerprint_sha256}\n\n"
        "Sans certificat valide, les échanges avec NetSynchro (import des élèves, exports vers SIECLE et "
        "STS-Web) échouent pour cet établissement. Demandez un nouveau certificat dans l'application "
        "Gestion Identité Numérique, puis installez-le dans NetSynchro Portal depuis le menu "
        "« Gérer les certificats NetSynchro » (bouton « Modifier »).\n\n"
        "— NetSynchro Portal\n"
    )
    send_mail(subject, body, None, recipients)
