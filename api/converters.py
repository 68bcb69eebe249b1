"""The ``<uai:…>`` path converter of the API: a UAI's shape (7 digits and a letter), so a malformed one
never reaches a view and the schema states the pattern."""

from __future__ import annotations

UAI_PATTERN = "[0-9]{7}[A-Z]"


class UaiConverter:
    regex = UAI_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
