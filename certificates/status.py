"""A certificate's status as shown on the page, in the commands and in the expiry alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from certificates.models import ExpiryNotice
from establishments.school_years import school_year_label, school_year_start

WARNING_DAYS = 30
URGENT_DAYS = 7


@dataclass(frozen=True)
class CertificateStatus:
    code: str  # none | valid | expires_in_year | expiring | expired | unreadable (stable: the commands print it)
    label: str  # French, as shown on the page
    badge: str  # CSS modifier: ok | warn | danger | muted
    days_left: int | None = None


NO_CERTIFICATE = CertificateStatus("none", "aucun certificat", "muted")
UNREADABLE = CertificateStatus("unreadable", "illisible", "danger")


def days_left(not_after: datetime, now: datetime | None = None) -> int:
    """Whole days between today and the expiry day, in the site's time zone (0 = expires today)."""
    now = now or timezone.now()
    return (timezone.localdate(not_after) - timezone.localdate(now)).days


def validity_status(not_after: datetime, now: datetime | None = None) -> CertificateStatus:
    now = now or timezone.now()
    if not_after <= now:
        return CertificateStatus("expired", "expiré", "danger", 0)
    left = days_left(not_after, now)
    if left > WARNING_DAYS:
        label = f"valide jusqu'au {timezone.localtime(not_after):%d/%m/%Y}"
        return CertificateStatus("valid", label, "ok", left)
    if left == 0:
        return CertificateStatus("expiring", "expire aujourd'hui", "warn", 0)
    return CertificateStatus("expiring", f"expire dans {left} jour{'s' if left > 1 else ''}", "warn", left)


def school_year_status(not_after: datetime, school_year: int, now: datetime | None = None) -> CertificateStatus:
    """A certificate valid today but expiring before its school year ends gets a warning with the date."""
    if timezone.localdate(not_after) >= school_year_start(school_year + 1):
        return validity_status(not_after, now)
    day = f"{timezone.localtime(not_after):%d/%m/%Y}"
    label = f"valide, mais expire le {day}, avant la fin de l'année {school_year_label(school_year)}"
    return CertificateStatus("expires_in_year", label, "warn", days_left(not_after, now))


def expiry_threshold(not_after: datetime, now: datetime | None = None) -> str:
    """The ``ExpiryNotice`` reached by a certificate at ``now``."""
    now = now or timezone.now()
    if not_after <= now:
        return ExpiryNotice.EXPIRED
    left = days_left(not_after, now)
    if left <= URGENT_DAYS:
        return ExpiryNotice.DAYS_7
    if left <= WARNING_DAYS:
        return ExpiryNotice.DAYS_30
    return ExpiryNotice.NONE
