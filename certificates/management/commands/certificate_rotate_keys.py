"""Re-encrypt every certificate under the newest CERTIFICATE_KEYS key; safe while the site runs.

Rotation: prepend a new entry to CERTIFICATE_KEYS (``new_key:<base64>,old_key:<base64>``), restart the
processes, run this command, then drop the old entry once the summary shows nothing left on it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from certificates import cli
from certificates.services import certificate_rotate_keys


class Command(BaseCommand):
    help = "Rechiffre tous les certificats avec la clé la plus récente de CERTIFICATE_KEYS (JSON)."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = certificate_rotate_keys()
        cli.emit(self, summary)
        if summary["failed"]:
            raise SystemExit(1)
