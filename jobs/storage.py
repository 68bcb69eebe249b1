"""Private storage of the jobs' input files: outside MEDIA_ROOT and any URL, readable by the service user only."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateJobStorage(FileSystemStorage):
    """JOB_FILES_ROOT read at each use (not frozen at import), files 0600 in 0700 folders, no URL."""

    def __init__(self) -> None:
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self) -> str:
        return str(settings.JOB_FILES_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("job files are private: they have no URL")


def job_file_storage() -> PrivateJobStorage:
    return PrivateJobStorage()
