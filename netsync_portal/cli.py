"""The JSON contract of the operator commands: one object on stdout; a refusal exits 1 with {"error"}."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn, TextIO

from django.core.management.base import OutputWrapper


def emit(stdout: OutputWrapper | TextIO, payload: dict[str, Any]) -> None:
    stdout.write(json.dumps(payload, ensure_ascii=False))


def refuse(stdout: OutputWrapper | TextIO, message: str) -> NoReturn:
    emit(stdout, {"error": message})
    raise SystemExit(1)


def read_secret_file(path: str) -> str:
    """The file's text without one trailing newline (``echo`` adds one); other blanks are kept."""
    text = Path(path).read_text(encoding="utf-8")
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text
