"""System check: a malformed CERTIFICATE_KEYS stops ``manage.py`` with a clear message, in every environment."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

from certificates.keyring import KeyRingError, parse_key_ring


@register()
def check_key_ring(app_configs: object = None, **kwargs: object) -> list:
    value = getattr(settings, "CERTIFICATE_KEYS", "")
    if not value.strip():
        return [
            Warning("CERTIFICATE_KEYS is empty: certificates can be neither stored nor read.", id="certificates.W001")
        ]
    try:
        parse_key_ring(value)
    except KeyRingError as error:
        return [Error(str(error), id="certificates.E001")]
    return []
