"""Was an uploaded certificate issued by the NetSynchro client authority (setting ``NETSYNCHRO_CLIENT_CA_FILE``)?

NetSynchro refuses certificates from any other authority; the page warns before saving such a file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from django.conf import settings


@lru_cache(maxsize=4)
def _authorities(path: str, mtime: float) -> tuple[x509.Certificate, ...]:
    return tuple(x509.load_pem_x509_certificates(Path(path).read_bytes()))


def client_authorities() -> tuple[x509.Certificate, ...]:
    """The configured authorities; empty when the setting is unset (no check then)."""
    path = settings.NETSYNCHRO_CLIENT_CA_FILE
    if not path or not Path(path).is_file():
        return ()
    return _authorities(path, Path(path).stat().st_mtime)


def issued_by_client_authority(chain_pem: bytes) -> bool | None:
    """True/False for the chain's first certificate; None when no authority is configured."""
    authorities = client_authorities()
    if not authorities:
        return None
    leaf = x509.load_pem_x509_certificates(chain_pem)[0]
    for authority in authorities:
        try:
            leaf.verify_directly_issued_by(authority)
        except (ValueError, TypeError, InvalidSignature):  # another issuer name, key type or signature
            continue
        return True
    return False
