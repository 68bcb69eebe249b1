"""NetSynchro operations for the jobs: fetch an establishment's SIECLE exports, deposit a generated file
and follow it. The client is built from the establishment's stored certificate (``certificates``'
SSL-context selector, in memory only) and the settings ``NETSYNCHRO_URL`` / ``NETSYNCHRO_CA_FILE``.

The fetched zips are returned (or saved); importing them is the import service's job, not this one's.
Optional settings (seconds unless said): ``NETSYNCHRO_TIMEOUT`` (60), ``NETSYNCHRO_CONNECT_TIMEOUT`` (10),
``NETSYNCHRO_RETRY_ATTEMPTS`` (4 tries), ``NETSYNCHRO_RETRY_BACKOFF`` (0.5), ``NETSYNCHRO_RETRY_AFTER_MAX``
(60), ``NETSYNCHRO_DEPOSIT_WAIT`` (300), ``NETSYNCHRO_POLL_INTERVAL`` (2).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import httpx
from django.conf import settings

from certificates.selectors import CertificateUnavailable, certificate_ssl_context
from establishments.models import Establishment
from netsynchro import protocol
from netsynchro.client import Deposit, ExportFile, NetSynchroClient, RetryPolicy
from netsynchro.errors import NotConfigured


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, None) or default)


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
    read = _setting("NETSYNCHRO_TIMEOUT", 60.0)
    timeout = httpx.Timeout(read, connect=_setting("NETSYNCHRO_CONNECT_TIMEOUT", 10.0))
    retry = RetryPolicy(
        attempts=int(_setting("NETSYNCHRO_RETRY_ATTEMPTS", 4)),
        backoff=_setting("NETSYNCHRO_RETRY_BACKOFF", 0.5),
        retry_after_max=_setting("NETSYNCHRO_RETRY_AFTER_MAX", 60.0),
    )
    return NetSynchroClient(base_url=url, uai=establishment.uai, ssl_context=context, timeout=timeout, retry=retry)


def check_connection(*, establishment: Establishment, year: int) -> dict:
    """Connect with ``establishment``'s certificate for ``year`` and ask who the platform recognises."""
    with netsynchro_client(establishment=establishment, year=year) as client:
        return client.check_identity()


def fetch_export(*, establishment: Establishment, year: int, kind: str) -> ExportFile:
    with netsynchro_client(establishment=establishment, year=year) as client:
        return client.fetch_export(year=year, kind=kind)


def fetch_exports(
    *, establishment: Establishment, year: int, kinds: Iterable[str] = protocol.EXPORT_KINDS
) -> dict[str, ExportFile]:
    """The SIECLE BEE exports of ``establishment`` for ``year`` (all four kinds by default), in memory."""
    with netsynchro_client(establishment=establishment, year=year) as client:
        return {kind: client.fetch_export(year=year, kind=kind) for kind in kinds}


def save_export(export: ExportFile, out_dir: str | Path) -> Path:
    """Write the zip into ``out_dir`` under its SIECLE name, atomically (a partial file is never left)."""
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / export.filename
    descriptor, partial = tempfile.mkstemp(dir=directory, prefix=".netsynchro-", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(export.content)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


def fetch_exports_to(
    *, establishment: Establishment, year: int, out_dir: str | Path, kinds: Iterable[str] = protocol.EXPORT_KINDS
) -> dict[str, Path]:
    """Fetch then save each export into ``out_dir``; returns kind → path."""
    exports = fetch_exports(establishment=establishment, year=year, kinds=kinds)
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
            timeout=timeout if timeout is not None else _setting("NETSYNCHRO_DEPOSIT_WAIT", 300.0),
            interval=_setting("NETSYNCHRO_POLL_INTERVAL", 2.0),
        )


def deposit_status(*, establishment: Establishment, year: int, deposit_id: str) -> Deposit:
    with netsynchro_client(establishment=establishment, year=year) as client:
        return client.deposit_status(deposit_id)
