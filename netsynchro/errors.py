"""Typed NetSynchro errors. Each carries ``code`` (stable, for logs and tests) and ``message`` (French,
shown to the user as is). Messages never contain a secret or student data."""

from __future__ import annotations


class NetSynchroError(Exception):
    code = "erreur"

    def __init__(self, message: str, *, code: str | None = None, retryable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        # Another try of the same request may succeed (timeouts, unreachable platform, 5xx, 429).
        self.retryable = retryable
        # The platform gave this answer to a request sent more than once: a duplicate deposit then means
        # that an earlier try of ours reached it.
        self.after_retry = False

    def __str__(self) -> str:
        return self.message


class NotConfigured(NetSynchroError):
    """NETSYNCHRO_URL or NETSYNCHRO_CA_FILE is missing, or no certificate is installed."""

    code = "non_configure"


class CertificateRefused(NetSynchroError):
    """The platform refused our client certificate (expired, unknown CA, another UAI, missing)."""

    code = "certificat_refuse"


class ServerNotTrusted(NetSynchroError):
    """The platform's own certificate failed verification against the configured CA bundle."""

    code = "serveur_non_reconnu"


class PlatformUnavailable(NetSynchroError):
    """Unreachable, timed out, 5xx or rate limited, still so after the bounded retries."""

    code = "indisponible"
    # Seconds the platform asked us to wait (Retry-After), when it said so.
    retry_after: float | None = None


class NotFound(NetSynchroError):
    """Unknown UAI or year, no export available, unknown deposit (``code`` says which)."""

    code = "introuvable"


class DepositRefused(NetSynchroError):
    """The deposit request itself was refused (unknown destination, empty or too large file)."""

    code = "depot_refuse"


class DuplicateDeposit(DepositRefused):
    """The same file (same SHA-256) was already deposited for this UAI and destination."""

    code = "depot_duplique"

    def __init__(self, message: str, *, deposit_id: str | None = None) -> None:
        super().__init__(message)
        self.deposit_id = deposit_id


class DepositTimeout(NetSynchroError):
    """The deposit did not reach a final status within the bounded wait."""

    code = "suivi_expire"


class ProtocolError(NetSynchroError):
    """An answer the contract does not describe."""

    code = "reponse_inattendue"


class DeadlineExceeded(PlatformUnavailable):
    """An exchange or a whole operation went past its overall deadline (a slow or stalled peer)."""

    code = "delai_total_depasse"


class AnswerTooLarge(ProtocolError):
    """A JSON or error answer larger than any the contract describes."""

    code = "reponse_trop_volumineuse"

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            f"La plateforme NetSynchro a envoyé une réponse anormalement volumineuse (plus de {max_bytes} "
            "octets) : elle a été ignorée."
        )


class ExportTooLarge(ProtocolError):
    """The export is larger than ``NETSYNCHRO_MAX_EXPORT_BYTES``: nothing is kept."""

    code = "export_trop_volumineux"

    def __init__(self, limit: str) -> None:
        super().__init__(
            f"L'export envoyé par la plateforme NetSynchro dépasse la taille maximale acceptée ({limit}) : "
            "il n'a pas été enregistré."
        )


class ExportRefused(ProtocolError):
    """The fetched zip failed the checks an uploaded export goes through (zip bomb, DOCTYPE, wrong file…)."""

    code = "export_refuse"
