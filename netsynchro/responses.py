"""Map HTTP answers and transport failures of the NetSynchro contract to typed errors with French messages."""

from __future__ import annotations

import email.utils
import ssl
import time

import httpx

from netsynchro import protocol
from netsynchro.errors import (
    CertificateRefused,
    DepositRefused,
    DuplicateDeposit,
    NetSynchroError,
    NotFound,
    PlatformUnavailable,
    ProtocolError,
    ServerNotTrusted,
)

RETRY_AFTER_CEILING = 24 * 3600.0  # a longer Retry-After is read as "much later"

# OpenSSL alert reasons the platform sends when it refuses our certificate → French explanation.
_CLIENT_CERT_ALERTS: tuple[tuple[str, str, str], ...] = (
    ("CERTIFICATE_EXPIRED", "certificat_expire", "le certificat de l'établissement a expiré"),
    ("UNKNOWN_CA", "certificat_autorite", "le certificat n'a pas été délivré par une autorité reconnue"),
    ("CERTIFICATE_REQUIRED", "certificat_absent", "aucun certificat n'a été présenté"),
    ("CERTIFICATE_REVOKED", "certificat_revoque", "le certificat a été révoqué"),
    ("BAD_CERTIFICATE", "certificat_refuse", "le certificat n'est pas accepté"),
    ("CERTIFICATE_UNKNOWN", "certificat_refuse", "le certificat n'est pas accepté"),
    ("ACCESS_DENIED", "certificat_refuse", "l'accès est refusé pour ce certificat"),
)


def error_for_transport(exc: httpx.TransportError, *, attempts: int) -> NetSynchroError:
    """A typed error for a failed exchange; ``.retryable`` says whether another try may succeed."""
    chain = _chain_text(exc)
    verification = _find(exc, ssl.SSLCertVerificationError)
    if verification is not None:
        detail = "son certificat a expiré" if "expired" in chain.lower() else "son certificat n'est pas reconnu"
        return ServerNotTrusted(
            f"Le serveur NetSynchro n'a pas pu être authentifié ({detail}) : la connexion a été interrompue "
            "par sécurité. Vérifiez l'adresse de la plateforme et le fichier d'autorités (NETSYNCHRO_CA_FILE)."
        )
    for reason, code, text in _CLIENT_CERT_ALERTS:
        if reason in chain.upper().replace(" ", "_"):
            return CertificateRefused(f"La plateforme NetSynchro a refusé le certificat : {text}.", code=code)
    if isinstance(exc, httpx.TimeoutException):
        return _retryable(
            PlatformUnavailable(
                f"La plateforme NetSynchro ne répond pas (délai dépassé, {_tries(attempts)}). Réessayez plus tard.",
                code="delai_depasse",
            )
        )
    if isinstance(exc, httpx.ConnectError):
        return _retryable(
            PlatformUnavailable(
                f"La plateforme NetSynchro est injoignable ({_tries(attempts)}). Vérifiez la connexion réseau "
                "et l'adresse de la plateforme, ou réessayez plus tard.",
                code="injoignable",
            )
        )
    return _retryable(
        PlatformUnavailable(
            f"La connexion avec la plateforme NetSynchro a été interrompue ({_tries(attempts)}). Réessayez plus tard.",
            code="connexion_interrompue",
        )
    )


def error_for_response(response: httpx.Response, *, attempts: int) -> NetSynchroError:
    code, message = _body(response)
    status = response.status_code
    if status == 403:
        return CertificateRefused(message or "La plateforme NetSynchro a refusé le certificat.", code=code or None)
    if status == 404:
        return NotFound(message or "Ressource inconnue de la plateforme NetSynchro.", code=code or None)
    if status == 409 and code == protocol.DUPLICATE_DEPOSIT:
        return DuplicateDeposit(message or "Ce fichier a déjà été déposé.", deposit_id=_json(response).get("id"))
    if status in (400, 413, 415, 422):
        return DepositRefused(message or "La plateforme NetSynchro a refusé la demande.", code=code or None)
    if status == 429 or status >= 500:
        wait = retry_after_seconds(response)
        later = _later(wait)
        error = PlatformUnavailable(
            (message or f"La plateforme NetSynchro est momentanément indisponible (HTTP {status}).")
            + f" ({_tries(attempts)}).{later}",
            code=code or ("trop_de_requetes" if status == 429 else "indisponible"),
        )
        error.retry_after = wait
        return error
    return ProtocolError(f"Réponse inattendue de la plateforme NetSynchro (HTTP {status}).")


def retry_after_seconds(response: httpx.Response) -> float | None:
    """``Retry-After`` as seconds (a number or an HTTP date) between 0 and a day; None when absent or
    unreadable. The policy then applies its own floor and ceiling (``RetryPolicy``)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return float(min(int(value[:12]), RETRY_AFTER_CEILING))
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(0.0, moment.timestamp() - time.time()), RETRY_AFTER_CEILING)


def seconds_text(seconds: float) -> str:
    """A duration as a French sentence fragment: ``45 s``, ``12 min``, ``3 h``, ``1,5 s``."""
    if seconds < 120:
        whole = round(seconds)
        return f"{whole} s" if abs(seconds - whole) < 0.05 else f"{seconds:.1f} s".replace(".", ",")
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} min"
    return f"{round(seconds / 3600)} h"


def _later(wait: float | None) -> str:
    if not wait or wait >= RETRY_AFTER_CEILING:
        return " Réessayez plus tard."
    return f" Réessayez dans {seconds_text(wait)}."


def _body(response: httpx.Response) -> tuple[str, str]:
    body = _json(response)
    return str(body.get("code", "")), str(body.get("message", ""))


def _json(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retryable(error: NetSynchroError) -> NetSynchroError:
    error.retryable = True
    return error


def _tries(attempts: int) -> str:
    return "1 tentative" if attempts == 1 else f"{attempts} tentatives"


def _chain(exc: BaseException | None) -> list[BaseException]:
    seen: list[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _chain_text(exc: BaseException) -> str:
    return " | ".join(f"{type(e).__name__}: {e} {getattr(e, 'reason', '') or ''}" for e in _chain(exc))


def _find(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    return next((e for e in _chain(exc) if isinstance(e, kind)), None)
