"""Upload limits of « Importer des données », applied before the files are read into memory or to disk."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt, csrf_protect

# Room for the form's other fields and the multipart boundaries.
FORM_OVERHEAD_BYTES = 64 * 1024


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo"


def too_large_message(name: str) -> str:
    limit = megabytes(settings.IMPORT_UPLOAD_MAX_BYTES)
    return f"« {name} » dépasse la taille maximale de {limit} par fichier : aucun import n'a été lancé."


def request_too_large_message() -> str:
    limit, count = megabytes(settings.IMPORT_UPLOAD_MAX_BYTES), settings.IMPORT_UPLOAD_MAX_FILES
    return f"Envoi trop volumineux : {count} fichiers de {limit} au plus. Aucun import n'a été lancé."


class UploadRequest(HttpRequest):
    oversized_files: list[str]


def oversized_files(request: HttpRequest | None) -> list[str]:
    """Names of the files the size cap skipped (``bounded_upload`` starts the list)."""
    return cast(UploadRequest, request).oversized_files


class SizeCappedUploadHandler(FileUploadHandler):
    """Skips a file as soon as it passes IMPORT_UPLOAD_MAX_BYTES (nothing more of it is kept) and
    remembers its name in ``request.oversized_files`` for the form's message."""

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict[str, bytes] | None = None,
    ) -> None:
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.IMPORT_UPLOAD_MAX_BYTES:
            oversized_files(self.request).append(self.file_name or "")
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers (memory, then temporary file) build the file


def bounded_upload(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse an oversized request from its Content-Length, before reading the body (nothing is done, so
    there is nothing to protect), and cap each file.

    The CSRF check moves inside because it reads the body (Django's documented way for upload handlers).
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        cast(UploadRequest, request).oversized_files = []
        if request.method == "POST":
            limit = settings.IMPORT_UPLOAD_MAX_BYTES * settings.IMPORT_UPLOAD_MAX_FILES + FORM_OVERHEAD_BYTES
            if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
                messages.error(request, request_too_large_message())
                return HttpResponseRedirect(request.path)
            request.upload_handlers.insert(0, SizeCappedUploadHandler(request))
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)
