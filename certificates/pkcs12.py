"""Open and check an uploaded NetSynchro PKCS#12 (.p12/.pfx). Pure Python (CONVENTIONS.md §D.1).

``load_pkcs12`` decrypts the file once with the password typed by the user, runs every check, and
returns the key as PKCS#8 PEM and the chain as PEM, ready to be encrypted at rest; the caller then
drops the password. Every refusal is a ``CertificateError`` whose ``code`` tests and views can match
and whose ``message`` is the French sentence shown to the user.

A subject "names" a UAI when one of its attribute values is a UAI or contains one as a separate word:
Ministry certificates spell it ``0751234A``, ``UAI 0751234A`` or ``ce.0751234a@ac-paris.fr``. Only
values whose check letter is right count, so an unrelated serial number is not mistaken for a UAI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from certificates.pkcs12_cost import MAX_KDF_ITERATIONS, UnreadablePkcs12, kdf_cost_problem
from establishments.uai import is_valid_uai

MAX_P12_BYTES = 64 * 1024
_UAI_WORD = re.compile(r"(?<![0-9A-Za-z])(\d{7}[A-Za-z])(?![0-9A-Za-z])")
# PFX ::= SEQUENCE { version INTEGER (3), ... }: enough to tell "not a PKCS#12" from "wrong password",
# which cryptography reports with the same ValueError.
_PFX_VERSION = b"\x02\x01\x03"
KEY_MISMATCH = "La clé privée du fichier ne correspond pas à son certificat."


class CertificateError(Exception):
    """An uploaded certificate is refused. ``message`` is French and never contains a secret."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CertificateMetadata:
    subject: str
    issuer: str
    serial: str  # upper-case hex, as certificate viewers print it
    not_before: datetime  # aware, UTC
    not_after: datetime  # aware, UTC
    fingerprint_sha256: str  # lower-case hex of the DER certificate, no colons
    uais: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class LoadedCertificate:
    metadata: CertificateMetadata
    key_pem: bytes = field(repr=False)  # PKCS#8, unencrypted: encrypt it before storing
    chain_pem: bytes = field(repr=False)  # the certificate first, then the CA certificates of the file


def load_pkcs12(
    data: bytes, password: str | bytes, *, expected_uai: str | None = None, now: datetime | None = None
) -> LoadedCertificate:
    """Decrypt and validate; raise ``CertificateError`` on the first problem found."""
    opened_key, certificate, extra = _open(data, password)
    key = _check_key(opened_key, certificate)
    metadata = certificate_metadata(certificate)
    _check_validity(metadata, now or datetime.now(UTC))
    _check_uai(metadata, expected_uai)
    return LoadedCertificate(
        metadata=metadata,
        key_pem=key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
        chain_pem=b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in (certificate, *extra)),
    )


def _open(data: bytes, password: str | bytes) -> tuple[object, x509.Certificate, list[x509.Certificate]]:
    if len(data) > MAX_P12_BYTES:
        raise CertificateError(
            "too_large",
            f"Le fichier dépasse {MAX_P12_BYTES // 1024} Kio : ce n'est pas un certificat NetSynchro.",
        )
    if not _looks_like_pfx(data):
        raise CertificateError(
            "not_pkcs12", "Ce fichier n'est pas un certificat PKCS#12 (fichier .p12 ou .pfx attendu)."
        )
    _check_kdf_cost(data)
    secret = password.encode("utf-8") if isinstance(password, str) else password
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, secret or None)
    except (ValueError, TypeError):
        raise CertificateError(
            "wrong_password", "La clé certificat est incorrecte : le fichier ne peut pas être déchiffré."
        ) from None
    if key is None:
        raise CertificateError("no_private_key", "Le fichier ne contient pas de clé privée.")
    if certificate is None and extra:
        # The loader pairs the key with the certificate holding its public key; certificates that do
        # not match it end up in ``extra``.
        raise CertificateError("key_mismatch", KEY_MISMATCH)
    if certificate is None:
        raise CertificateError("no_certificate", "Le fichier ne contient pas de certificat.")
    return key, certificate, list(extra)


def _check_kdf_cost(data: bytes) -> None:
    """Refuse, before any decryption, a file whose key derivation would keep the server busy for minutes."""
    try:
        iterations = kdf_cost_problem(data)
    except UnreadablePkcs12:
        raise CertificateError(
            "not_pkcs12", "Ce fichier n'est pas un certificat PKCS#12 lisible (fichier .p12 ou .pfx attendu)."
        ) from None
    if iterations is not None:
        raise CertificateError(
            "kdf_too_costly",
            f"Ce certificat demande un calcul de déchiffrement anormalement long ({_thousands(iterations)} "
            f"itérations, {_thousands(MAX_KDF_ITERATIONS)} au plus) : il est refusé par sécurité. Exportez-le à "
            "nouveau depuis le navigateur ou l'outil qui l'a produit.",
        )


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")  # French digit grouping


def _looks_like_pfx(data: bytes) -> bool:
    if len(data) < 8 or data[0] != 0x30:
        return False
    length_byte = data[1]
    if length_byte == 0x80:  # BER indefinite length, used by some exporters
        offset = 2
    elif length_byte < 0x80:
        offset = 2
    else:
        offset = 2 + (length_byte & 0x7F)
    return data[offset : offset + 3] == _PFX_VERSION


SupportedKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey


def _check_key(key: object, certificate: x509.Certificate) -> SupportedKey:
    supported = (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)
    if not isinstance(key, supported):
        raise CertificateError("unsupported_key", "Le type de clé privée de ce certificat n'est pas pris en charge.")
    if _public_der(key.public_key()) != _public_der(certificate.public_key()):
        raise CertificateError("key_mismatch", KEY_MISMATCH)
    return key


def _public_der(public_key: object) -> bytes:
    return public_key.public_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _check_validity(metadata: CertificateMetadata, now: datetime) -> None:
    if metadata.not_before > now:
        raise CertificateError(
            "not_yet_valid",
            f"Ce certificat n'est pas encore valide : il le sera à partir du {french_datetime(metadata.not_before)}.",
        )
    if metadata.not_after < now:
        raise CertificateError("expired", f"Ce certificat a expiré le {french_datetime(metadata.not_after)}.")


def _check_uai(metadata: CertificateMetadata, expected_uai: str | None) -> None:
    """The certificate must name the chosen establishment's UAI, and no other one."""
    if not expected_uai:
        return
    if not metadata.uais:
        raise CertificateError(
            "no_uai",
            "Ce certificat ne mentionne aucun UAI : impossible de vérifier qu'il est celui de l'établissement "
            f"{expected_uai} choisi. Un certificat NetSynchro porte l'UAI de son établissement.",
        )
    others = [uai for uai in metadata.uais if uai != expected_uai]
    if expected_uai not in metadata.uais:
        raise CertificateError(
            "wrong_uai",
            f"Ce certificat est celui de l'établissement {', '.join(others)}, pas de l'établissement "
            f"{expected_uai} choisi.",
        )
    if others:
        raise CertificateError(
            "several_uais",
            f"Ce certificat mentionne aussi l'établissement {', '.join(others)} en plus de {expected_uai} : "
            "un certificat NetSynchro ne doit désigner qu'un seul établissement.",
        )


def certificate_metadata(certificate: x509.Certificate) -> CertificateMetadata:
    return CertificateMetadata(
        subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        serial=format(certificate.serial_number, "X"),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint_sha256=certificate.fingerprint(hashes.SHA256()).hex(),
        uais=subject_uais(certificate.subject),
    )


def subject_uais(subject: x509.Name) -> tuple[str, ...]:
    """The valid UAIs named by the subject's attribute values, in order, without duplicates."""
    found: list[str] = []
    for attribute in subject:
        value = attribute.value if isinstance(attribute.value, str) else ""
        for word in _UAI_WORD.findall(value):
            uai = word.upper()
            if is_valid_uai(uai) and uai not in found:
                found.append(uai)
    return tuple(found)


def french_datetime(moment: datetime) -> str:
    """``31/08/2027 à 23:59 UTC``: the UI shows dates the French way; the time zone is explicit."""
    return moment.astimezone(UTC).strftime("%d/%m/%Y à %H:%M UTC")
