"""An upload handler that keeps certificate uploads in memory and never buffers more than the limit.

Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file; a PKCS#12 must never reach
the disk, so the certificate views use only this handler. Past the limit it stops keeping bytes but
still counts them, so the form can say the file is too large instead of "no file".
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from certificates.pkcs12 import MAX_P12_BYTES


class BoundedMemoryUploadHandler(FileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        room = MAX_P12_BYTES + 1 - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        return None  # swallow the chunk: no other handler may store it

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
