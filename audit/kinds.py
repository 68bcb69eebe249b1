"""The kinds of journal events. Stable codes (the CSV and the filters carry them); French labels.

Other apps call ``audit.services.audit_record(kind=...)`` with one of these; the import/export jobs and
the API tokens use the kinds reserved below (see docs/audit.md for the ``details`` each one carries).
"""

from __future__ import annotations

from django.db import models


class AuditKind(models.TextChoices):
    CERTIFICATE_ADDED = "certificate.added", "certificat ajouté"
    CERTIFICATE_REPLACED = "certificate.replaced", "certificat remplacé"
    CERTIFICATE_DELETED = "certificate.deleted", "certificat supprimé"
    CERTIFICATE_COPIED = "certificate.copied", "certificat repris de l'année précédente"
    CERTIFICATE_ROTATED = "certificate.rotated", "certificat rechiffré (rotation des clés)"
    CERTIFICATE_TESTED = "certificate.tested", "connexion testée"
    MEMBER_INVITED = "member.invited", "membre invité"
    MEMBER_INVITATION_CANCELLED = "member.invitation_cancelled", "invitation annulée"
    MEMBER_JOINED = "member.joined", "invitation acceptée"
    MEMBER_CHANGED = "member.changed", "membre modifié"
    MEMBER_DEACTIVATED = "member.deactivated", "membre désactivé"
    MEMBER_REACTIVATED = "member.reactivated", "membre réactivé"
    ORGANISATION_CHANGED = "organisation.changed", "réglages de l'organisation modifiés"
    LOGIN = "auth.login", "connexion"
    LOGIN_FAILED = "auth.login_failed", "échec de connexion"
    PASSWORD_CHANGED = "auth.password_changed", "mot de passe modifié"
    PASSWORD_RESET = "auth.password_reset", "mot de passe réinitialisé"
    TOTP_ENABLED = "auth.totp_enabled", "double authentification activée"
    TOTP_DISABLED = "auth.totp_disabled", "double authentification désactivée"
    # Reserved for the jobs and the API (written by those apps once they exist).
    IMPORT_STARTED = "import.started", "import lancé"
    IMPORT_FINISHED = "import.finished", "import terminé"
    EXPORT_STARTED = "export.started", "export lancé"
    EXPORT_FINISHED = "export.finished", "export terminé"
    API_TOKEN_CREATED = "api_token.created", "jeton d'API créé"
    API_TOKEN_REVOKED = "api_token.revoked", "jeton d'API révoqué"
