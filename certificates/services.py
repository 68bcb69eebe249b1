"""Writes on certificates. The password typed at upload lives only for the duration of ``certificate_install``:
it opens the PKCS#12 once, then only the re-serialised key and chain are kept, encrypted.

Tenant scope: the per-establishment services run inside the caller's scope (the request, or a command
that disables scopes after resolving the establishment itself); the platform-wide jobs (key rotation,
expiry check) disable scopes on purpose, since they cover every tenant.
"""

from __future__ import annotations

import logging
from datetime import datetime
from uuid import UUID

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from audit.kinds import AuditKind
from audit.services import audit_record
from certificates import encryption
from certificates.emails import send_expiry_notice
from certificates.issuer import issued_by_client_authority
from certificates.keyring import DecryptionError
from certificates.models import EXPIRY_SEVERITY, Certificate
from certificates.pkcs12 import CertificateError, CertificateMetadata, load_pkcs12
from certificates.status import expiry_threshold
from establishments.models import Establishment
from establishments.school_years import current_school_year, school_year_label

logger = logging.getLogger(__name__)


def certificate_install(
    *,
    establishment: Establishment,
    school_year: int,
    data: bytes,
    password: str,
    actor: User | None = None,
    actor_label: str = "",
    now: datetime | None = None,
    confirm_replace: bool = True,
    confirm_foreign_issuer: bool = True,
) -> Certificate:
    """Validate a PKCS#12 for ``establishment`` and store it for ``school_year``, replacing any previous one.

    Raises ``CertificateError`` (French message) and stores nothing when the file is refused, or when
    it needs a confirmation not given: code ``replace_unconfirmed`` (a certificate is already installed
    for that UAI and year) or ``foreign_issuer`` (not issued by ``NETSYNCHRO_CLIENT_CA_FILE``).
    """
    loaded = load_pkcs12(data, password, expected_uai=establishment.uai, now=now)
    if not confirm_foreign_issuer and issued_by_client_authority(loaded.chain_pem) is False:
        raise CertificateError("foreign_issuer", _foreign_issuer_message(loaded.metadata.issuer))
    with transaction.atomic():
        certificate = _existing_for_update(establishment, school_year, confirm_replace=confirm_replace)
        action = AuditKind.CERTIFICATE_REPLACED if certificate else AuditKind.CERTIFICATE_ADDED
        certificate = certificate or Certificate(establishment=establishment, school_year=school_year)
        _apply_metadata(certificate, loaded.metadata, actor=actor)
        encryption.seal(certificate, key_pem=loaded.key_pem, chain_pem=loaded.chain_pem)
        certificate.save()
        _record(certificate, action, actor=actor, actor_label=actor_label)
    logger.info(
        "NetSynchro certificate %s uai=%s year=%s fingerprint=%s",
        *(action, establishment.uai, school_year, certificate.fingerprint_sha256),
    )
    return certificate


def _existing_for_update(
    establishment: Establishment, school_year: int, *, confirm_replace: bool
) -> Certificate | None:
    """The certificate being replaced, locked; refused when a replacement was not confirmed."""
    existing = Certificate.objects.select_for_update().filter(establishment=establishment, school_year=school_year)
    certificate = existing.first()
    if certificate is not None and not confirm_replace:
        raise CertificateError("replace_unconfirmed", _replace_message(certificate))
    return certificate


def _foreign_issuer_message(issuer: str) -> str:
    return (
        f"Attention : ce certificat a été délivré par « {issuer} », pas par l'autorité des certificats "
        "NetSynchro : la plateforme le refusera sans doute. Vérifiez que c'est bien le fichier obtenu dans "
        "Gestion Identité Numérique, ou cochez la case ci-dessous et choisissez de nouveau le fichier pour "
        "l'enregistrer quand même."
    )


def _replace_message(certificate: Certificate) -> str:
    until = f"{timezone.localtime(certificate.not_after):%d/%m/%Y}"
    return (
        f"Un certificat est déjà installé pour {certificate.establishment.uai} en "
        f"{school_year_label(certificate.school_year)} (valide jusqu'au {until}). L'enregistrer le remplacera : "
        "cochez la case ci-dessous et choisissez de nouveau le fichier pour confirmer."
    )


def certificate_delete(*, certificate: Certificate, actor: User | None = None, actor_label: str = "") -> None:
    """Unlink the certificate from its UAI and year: the encrypted blobs go with the row."""
    with transaction.atomic():
        _record(certificate, AuditKind.CERTIFICATE_DELETED, actor=actor, actor_label=actor_label)
        certificate.delete()
    logger.info("NetSynchro certificate deleted uai=%s year=%s", certificate.establishment.uai, certificate.school_year)


def certificate_copy_forward(
    *,
    establishment: Establishment,
    school_year: int,
    actor: User | None = None,
    actor_label: str = "",
    now: datetime | None = None,
) -> Certificate:
    """Reuse the previous school year's certificate for ``school_year`` (re-encrypted for its new row)."""
    previous_label = school_year_label(school_year - 1)
    previous = Certificate.objects.filter(establishment=establishment, school_year=school_year - 1).first()
    if previous is None:
        raise CertificateError(
            "no_previous", f"Aucun certificat en {previous_label} à reprendre pour {establishment.uai}."
        )
    if Certificate.objects.filter(establishment=establishment, school_year=school_year).exists():
        raise CertificateError(
            "already_present",
            f"Un certificat est déjà installé pour {establishment.uai} en {school_year_label(school_year)} : "
            "utilisez « Modifier » pour le remplacer.",
        )
    if previous.not_after <= (now or timezone.now()):
        raise CertificateError("expired", f"Le certificat de {previous_label} a expiré : il ne peut pas être repris.")
    try:
        key_pem, chain_pem = encryption.unseal(previous)
    except DecryptionError:
        raise CertificateError("unreadable", f"Le certificat de {previous_label} est illisible.") from None
    certificate = Certificate(establishment=establishment, school_year=school_year)
    for name in ("subject", "issuer", "serial_number", "not_before", "not_after", "fingerprint_sha256"):
        setattr(certificate, name, getattr(previous, name))
    certificate.uploaded_by = actor
    encryption.seal(certificate, key_pem=key_pem, chain_pem=chain_pem)
    with transaction.atomic():
        certificate.save(force_insert=True)
        _record(certificate, AuditKind.CERTIFICATE_COPIED, actor=actor, actor_label=actor_label)
    return certificate


def certificate_rotate_keys(*, actor_label: str = "commande certificate_rotate_keys") -> dict:
    """Re-encrypt every certificate under the newest key, one short locked transaction per row,
    so the site keeps running. Returns a summary; the rows that cannot be decrypted are listed."""
    ring = encryption.key_ring()
    summary: dict = {"key_id": ring.current_key_id, "total": 0, "rotated": 0, "already_current": 0, "failed": []}
    with scopes_disabled():
        for pk in list(Certificate.objects.order_by("pk").values_list("pk", flat=True)):
            summary["total"] += 1
            outcome = _rotate_one(pk, actor_label)
            if outcome in ("rotated", "already_current"):
                summary[outcome] += 1
            elif outcome is not None:
                summary["failed"].append(outcome)
    return summary


def _rotate_one(pk: UUID, actor_label: str) -> str | dict | None:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().select_related("establishment").filter(pk=pk).first()
        if certificate is None:  # deleted meanwhile
            return None
        if not encryption.needs_rotation(certificate):
            return "already_current"
        try:
            encryption.rotate(certificate)
        except DecryptionError as error:
            logger.error("Certificate %s cannot be rotated: %s", pk, error)
            Certificate.objects.filter(pk=pk).update(integrity_ok=False, integrity_checked_at=timezone.now())
            return {"uai": certificate.establishment.uai, "year": certificate.school_year, "error": str(error)}
        certificate.integrity_ok, certificate.integrity_checked_at = True, timezone.now()
        certificate.save(update_fields=["encrypted_key", "encrypted_chain", "integrity_ok", "integrity_checked_at"])
        _record(certificate, AuditKind.CERTIFICATE_ROTATED, actor=None, actor_label=actor_label)
    return "rotated"


def certificate_expiry_check(*, now: datetime | None = None) -> dict:
    """Mark the certificates of this school year (and later) that crossed a threshold (30 days, 7 days,
    expired) and e-mail the organisation's administrateurs once per threshold."""
    now = now or timezone.now()
    notified = 0
    with scopes_disabled():
        certificates = Certificate.objects.filter(school_year__gte=current_school_year(timezone.localdate(now)))
        for certificate in certificates.select_related("establishment__organisation"):
            threshold = expiry_threshold(certificate.not_after, now)
            if EXPIRY_SEVERITY[threshold] > EXPIRY_SEVERITY[certificate.expiry_notice]:
                notified += _notify_threshold(certificate, threshold, now)
    return {"notified": notified}


def _notify_threshold(certificate: Certificate, threshold: str, now: datetime) -> int:
    # Compare-and-set: of two overlapping runs, only the one that moves the marker sends the e-mail.
    claimed = Certificate.objects.filter(pk=certificate.pk, expiry_notice=certificate.expiry_notice).update(
        expiry_notice=threshold
    )
    if not claimed:
        return 0
    try:
        send_expiry_notice(certificate, now=now)
    except Exception:
        logger.exception("Expiry e-mail failed for uai=%s; retried next run", certificate.establishment.uai)
        Certificate.objects.filter(pk=certificate.pk).update(expiry_notice=certificate.expiry_notice)
        return 0
    return 1


def _apply_metadata(certificate: Certificate, metadata: CertificateMetadata, *, actor: User | None) -> None:
    certificate.subject = metadata.subject
    certificate.issuer = metadata.issuer
    certificate.serial_number = metadata.serial
    certificate.not_before = metadata.not_before
    certificate.not_after = metadata.not_after
    certificate.fingerprint_sha256 = metadata.fingerprint_sha256
    certificate.expiry_notice = ""  # a new file starts a new expiry cycle
    certificate.uploaded_by = actor
    certificate.uploaded_at = timezone.now()
    certificate.integrity_ok, certificate.integrity_checked_at = True, certificate.uploaded_at


_SUMMARIES: dict[str, str] = {
    AuditKind.CERTIFICATE_ADDED: "Certificat NetSynchro ajouté",
    AuditKind.CERTIFICATE_REPLACED: "Certificat NetSynchro remplacé",
    AuditKind.CERTIFICATE_DELETED: "Certificat NetSynchro supprimé",
    AuditKind.CERTIFICATE_COPIED: "Certificat NetSynchro repris de l'année précédente",
    AuditKind.CERTIFICATE_ROTATED: "Certificat NetSynchro rechiffré (rotation des clés)",
}


def _record(certificate: Certificate, kind: str, *, actor: User | None, actor_label: str) -> None:
    establishment = certificate.establishment
    audit_record(
        organisation=establishment.organisation,
        establishment=establishment,
        kind=kind,
        actor=actor,
        actor_label=actor_label,
        summary=f"{_SUMMARIES[kind]} pour {establishment.uai} ({school_year_label(certificate.school_year)}).",
        details={
            "annee": certificate.school_year,
            "empreinte_sha256": certificate.fingerprint_sha256,
            "certificat": str(certificate.pk),
        },
    )
