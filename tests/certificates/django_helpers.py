"""Helpers for the Django certificates tests (imported only by them)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from certificates.models import Certificate
from certificates.services import certificate_install
from establishments.models import Establishment
from establishments.school_years import current_school_year
from tests.certificates.helpers import P12

YEAR = current_school_year()


def install(establishment: Establishment, p12: P12, *, year: int = YEAR, actor=None) -> Certificate:
    with scopes_disabled():
        return certificate_install(
            establishment=establishment, school_year=year, data=p12.data, password=p12.password, actor=actor
        )


def certificates() -> list[Certificate]:
    with scopes_disabled():
        return list(Certificate.objects.select_related("establishment"))
