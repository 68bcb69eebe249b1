"""Shared plumbing of the certificate commands: one JSON object on stdout, exit 1 with ``{"error"}``."""

from __future__ import annotations

from typing import NoReturn

from django.core.management.base import BaseCommand

from certificates.pkcs12 import MAX_P12_BYTES
from establishments.models import Establishment
from netsync_portal import cli as project_cli


class Refused(Exception):
    """The command refuses: its French message becomes ``{"error": message}`` and the exit code 1."""


def emit(command: BaseCommand, payload: dict) -> None:
    project_cli.emit(command.stdout, payload)


def refuse(command: BaseCommand, message: str) -> NoReturn:
    project_cli.refuse(command.stdout, message)


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
        return project_cli.read_secret_file(path)
    except (OSError, UnicodeDecodeError):
        raise Refused(f"Fichier de mot de passe illisible : {path}.") from None
