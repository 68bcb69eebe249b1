"""Error reports (ADMINS e-mails, the debug page) without secrets.

Django only hides a frame's variables when its function is decorated with ``sensitive_variables``;
the certificate password and key also pass through pure modules (``certificates.pkcs12``, ``.tls``)
that must not import Django. So every frame's variables whose names look secret are hidden here.
"""

from __future__ import annotations

import re
from collections.abc import ItemsView
from types import FrameType
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter

SECRET_NAMES = re.compile(r"pass|pwd|secret|token|key|pem|p12|pkcs|blob|cipher|plain|chain|(^|_)(der|data)($|_)", re.I)


class SecretHidingExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|CERTIFICATE|HTTP_COOKIE|DATABASE_URL|REDIS_URL|BROKER|EMAIL_URL",
        flags=re.I,
    )

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: FrameType) -> ItemsView[str, Any]:
        return {
            name: self.cleansed_substitute if SECRET_NAMES.search(name) else value
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        }.items()
