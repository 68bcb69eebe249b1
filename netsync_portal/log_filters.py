"""Logging filters shared by every environment."""

from __future__ import annotations

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx answer (Http404, PermissionDenied, a CSRF refusal) is ordinary: Django logs it with the exception
    that caused it, so keep its one warning line and drop the traceback. Server errors keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
