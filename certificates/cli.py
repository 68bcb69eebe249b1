"""Shared plumbing of the certificate commands: one JSON object on stdout, exit 1 with ``{"error"}``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

from django.core.management.base import BaseCommand

from certificates.pkcs12 import MAX_P12_BYTES
from establishments.models import Establishment


class Refused(Exception):
    """The command refuses: its French message becomes ``{"error": message}`` and the exit code 1."""


def emit(command: BaseCommand, payload: dict) -> None:
    command.stdout.write(json.dumps(payload, ensure_ascii=False))


def refuse(command: BaseCommand, message: str) -> NoReturn:
    emit(command, {"error": message})
    raise SystemExit(1)


def establishment_by_uai(uai: str) -> Establishment:
    establishment = Establishment.objects.filter(uai=uai.strip().upper()).select_related("organisation").first()
    if establishment is None:
        raise Refused(f"Établissement inconnu : {uai}.")
    return establishment


def checked_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Refused(f"Année scolaire invalide : {year} (attendu : l'année de la rentrée, par exemple 2026).")
    return year


def read_certificate_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_P12_BYTES + 1)  # enough to tell "too large" without reading it all
    except OSError as error:
        raise Refused(f"Fichier de certificat illisible : {path} ({error.strerror}).") from None


def read_password_file(path: str) -> str:
    """The password file's content; one trailing newline (LF or CRLF) is ignored, nothing else."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise Refused(f"Fichier de mot de passe illisible : {path}.") from None
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text
