"""NetSynchro operations for the jobs: fetch an establishment's SIECLE exports, deposit a generated file
and follow it. The client is built from the establishment's stored certificate (``certificates``'
SSL-context selector, in memory only) and the ``NETSYNCHRO_*`` settings (timeouts, retries, deadlines,
sizes: README and docs/netsynchro.md), each read from the environment variable of the same name.

Every fetched zip streams to a private temporary file (0600) within ``NETSYNCHRO_MAX_EXPORT_BYTES`` and goes
through the same zip and XML checks as an uploaded export (``siecle.formats.run_check``) before it is kept;
importing it is the import service's job, not this one's.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

import httpx
from django.conf import settings

from certificates.selectors import CertificateUnavailable, certificate_ssl_context
from establishments.models import Establishment
from netsynchro import protocol
from netsynchro.client import ClientLimits, Deposit, ExportFile, NetSynchroClient, RetryPolicy
from netsynchro.errors import ExportRefused, NotConfigured
from siecle.formats import run_check

logger = logging.getLogger(__name__)


def client_settings() -> tuple[httpx.Timeout, RetryPolicy, ClientLimits]:
    """The client's timeout, retry policy and limits from the ``NETSYNCHRO_*`` settings."""
    timeout = httpx.Timeout(settings.NETSYNCHRO_TIMEOUT, connect=settings.NETSYNCHRO_CONNECT_TIMEOUT)
    retry = RetryPolicy(
        attempts=settings.NETSYNCHRO_RETRY_ATTEMPTS,
        backoff=settings.NETSYNCHRO_RETRY_BACKOFF,
        retry_after_min=settings.NETSYNCHRO_RETRY_AFTER_MIN,
        retry_after_max=settings.NETSYNCHRO_RETRY_AFTER_MAX,
    )
    limits = ClientLimits(
        max_export_bytes=settings.NETSYNCHRO_MAX_EXPORT_BYTES,
        request_deadline=settings.NETSYNCHRO_REQUEST_DEADLINE,
        job_deadline=settings.NETSYNCHRO_JOB_DEADLINE,
    )
    return timeout, retry, limits


def netsynchro_client(*, establishment: Establishment, year: int) -> NetSynchroClient:
    """A client presenting ``establishment``'s certificate for ``year``. Raises ``NotConfigured``."""
    url, cafile = settings.NETSYNCHRO_URL, settings.NETSYNCHRO_CA_FILE
    if not url or not cafile:
        raise NotConfigured(
            "La plateforme NetSynchro n'est pas configurée (NETSYNCHRO_URL et NETSYNCHRO_CA_FILE) : "
            "contactez l'équipe de la plateforme."
        )
    if not Path(cafile).is_file():
        raise NotConfigured("Le fichier d'autorités NetSynchro (NETSYNCHRO_CA_FILE) est introuvable.")
    try:
        context = certificate_ssl_context(establishment=establishment, year=year, cafile=cafile)
    except CertificateUnavailable as exc:
        raise NotConfigured(
            exc.message + " Installez le certificat de l'établissement dans « Gérer les certificats NetSynchro »."
        ) from None
    timeout, retry, limits = client_settings()
    return NetSynchroClient(
        base_url=url, uai=establishment.uai, ssl_context=context, timeout=timeout, retry=retry, limits=limits
    )


def check_connection(*, establishment: Establishment, year: int) -> dict:
    """Connect with ``establishment``'s certificate for ``year`` and ask who the platform recognises."""
    with netsynchro_client(establishment=establishment, year=year) as client:
        return client.check_identity()


def fetch_export(
    *, establishment: Establishment, year: int, kind: str, directory: str | Path | None = None
) -> ExportFile:
    """The checked export of ``kind`` in a private temporary file of ``directory``: the caller keeps it
    (``save_export``) or discards it. ``ExportRefused`` when it fails the upload checks."""
    with netsynchro_client(establishment=establishment, year=year) as client:
        return _checked(client.fetch_export(year=year, kind=kind, directory=directory), establishment)


def fetch_exports(
    *,
    establishment: Establishment,
    year: int,
    kinds: Iterable[str] = protocol.EXPORT_KINDS,
    directory: str | Path | None = None,
) -> dict[str, ExportFile]:
    """The checked SIECLE BEE exports of ``establishment`` for ``year`` (all four kinds by default), each in
    a private temporary file; on any failure the ones already fetched are deleted."""
    exports: dict[str, ExportFile] = {}
    try:
        with netsynchro_client(establishment=establishment, year=year) as client:
            for kind in kinds:
                exports[kind] = _checked(client.fetch_export(year=year, kind=kind, directory=directory), establishment)
    except BaseException:
        for export in exports.values():
            export.discard()
        raise
    return exports


def _checked(export: ExportFile, establishment: Establishment) -> ExportFile:
    """``export`` once it passed the checks an uploaded file goes through; deleted otherwise."""
    try:
        problem = export_problem(export, uai=establishment.uai)
    except BaseException:
        export.discard()
        raise
    if problem:
        export.discard()
        logger.warning("netsynchro uai=%s export %s %s refused: %s", export.uai, export.kind, export.year, problem)
        raise ExportRefused(
            f"L'export « {export.kind} » reçu de NetSynchro a été refusé : {problem} Il n'a pas été enregistré."
        )
    return export


def export_problem(export: ExportFile, *, uai: str) -> str | None:
    """Why ``export`` may not be kept: the zip and XML checks of an upload, then its kind and UAI."""
    check = run_check(export.path)
    result = check.result
    if not check.usable:
        return " ".join(str(error["message"]) for error in result["errors"][:3])
    if result["kind"] != export.kind:
        return f"il contient un export « {result['kind']} »."
    if result["uai"] != uai:
        return f"il concerne l'établissement {result['uai'] or 'inconnu'}, pas {uai}."
    return None


def save_export(export: ExportFile, out_dir: str | Path) -> Path:
    """Move the fetched file into ``out_dir`` under its SIECLE name: atomic when both are on the same file
    system (fetch with ``directory=out_dir``); a partial file is never left."""
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / export.filename
    try:
        os.replace(export.path, target)
    except OSError:
        export.discard()
        raise
    return target


def fetch_exports_to(
    *, establishment: Establishment, year: int, out_dir: str | Path, kinds: Iterable[str] = protocol.EXPORT_KINDS
) -> dict[str, Path]:
    """Fetch and check every export, then save them into ``out_dir``; returns kind → path. Nothing is
    saved when one of them fails."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    exports = fetch_exports(establishment=establishment, year=year, kinds=kinds, directory=out_dir)
    return {kind: save_export(export, out_dir) for kind, export in exports.items()}


def deposit_file(
    *,
    establishment: Establishment,
    year: int,
    destination: str,
    content: bytes,
    filename: str,
    wait: bool = True,
    timeout: float | None = None,
) -> Deposit:
    """Deposit a generated file; with ``wait``, poll until ``integre`` or ``rejete`` (bounded wait,
    ``DepositTimeout`` beyond ``NETSYNCHRO_DEPOSIT_WAIT`` seconds)."""
    if destination not in protocol.DESTINATIONS:
        raise ValueError(f"unknown destination {destination!r}")
    with netsynchro_client(establishment=establishment, year=year) as client:
        deposit = client.deposit(year=year, destination=destination, content=content, filename=filename)
        if not wait or deposit.is_final:
            return deposit
        return client.wait_for_deposit(
            deposit.id,
            timeout=timeout if timeout is not None else settings.NETSYNCHRO_DEPOSIT_WAIT,
            interval=settings.NETSYNCHRO_POLL_INTERVAL,
        )


def deposit_status(*, establishment: Establishment, year: int, deposit_id: str) -> Deposit:
    with netsynchro_client(establishment=establishment, year=year) as client:
        return client.deposit_status(deposit_id)
