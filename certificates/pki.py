"""A throwaway test PKI for the NetSynchro sandbox, the demo and the tests. Pure Python, no Django.

``generate_test_pki(out_dir, uais)`` writes a test CA, a server certificate for localhost/127.0.0.1
(and an expired one), one client ``<UAI>.p12`` per UAI whose subject CN is the UAI, and fault variants
(expired, naming another UAI, signed by another CA). It returns the structure that
``manage.py netsynchro_pki`` prints as JSON. Client passwords are random and only ever returned, never
written to a file. Nothing here is fit for production: the keys are test keys.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from establishments.uai import is_valid_uai, uai_check_letter

KeyType = Literal["rsa", "ec"]
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
CLIENT_VALIDITY = timedelta(days=365)
VARIANT_KINDS = ("expired", "wrong_uai", "other_ca")


@dataclass(frozen=True)
class Issuer:
    certificate: x509.Certificate
    key: PrivateKey


def new_private_key(key_type: KeyType = "rsa") -> PrivateKey:
    if key_type == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_ca(common_name: str, *, now: datetime, key_type: KeyType = "rsa") -> Issuer:
    key = new_private_key(key_type)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "NetSynchro Portal (test)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    builder = (
        _builder(name, name, key.public_key(), now - timedelta(days=1), now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
    )
    return Issuer(certificate=builder.sign(key, hashes.SHA256()), key=key)


def issue_certificate(
    issuer: Issuer,
    *,
    subject: x509.Name,
    public_key: object,
    not_before: datetime,
    not_after: datetime,
    server_names: Sequence[str] = (),
) -> x509.Certificate:
    """A leaf certificate: a TLS client one, or a server one when ``server_names`` is given."""
    usage = ExtendedKeyUsageOID.SERVER_AUTH if server_names else ExtendedKeyUsageOID.CLIENT_AUTH
    builder = (
        _builder(subject, issuer.certificate.subject, public_key, not_before, not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.certificate.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if server_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(_general_names(server_names)), critical=False)
    return builder.sign(issuer.key, hashes.SHA256())


def client_subject(uai: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Education nationale (test)"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "NetSynchro"),
            x509.NameAttribute(NameOID.COMMON_NAME, uai),
        ]
    )


def client_p12(
    issuer: Issuer,
    *,
    subject: x509.Name,
    password: str,
    not_before: datetime,
    not_after: datetime,
    key_type: KeyType = "rsa",
) -> bytes:
    """A PKCS#12 with a fresh key, its certificate signed by ``issuer`` and the issuer as chain."""
    key = new_private_key(key_type)
    certificate = issue_certificate(
        issuer, subject=subject, public_key=key.public_key(), not_before=not_before, not_after=not_after
    )
    return pkcs12.serialize_key_and_certificates(
        name=subject.rfc4514_string().encode(),
        key=key,
        cert=certificate,
        cas=[issuer.certificate],
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
    )


def other_uai(uai: str, taken: Sequence[str] = ()) -> str:
    """A valid UAI different from ``uai`` and from ``taken``: the subject of the wrong-UAI variant."""
    number = int(uai[:7])
    while True:
        number = (number + 1) % 10_000_000
        digits = f"{number:07d}"
        candidate = digits + uai_check_letter(digits)
        if candidate != uai and candidate not in taken:
            return candidate


def generate_test_pki(
    out_dir: str | Path,
    uais: Sequence[str],
    *,
    now: datetime | None = None,
    key_type: KeyType = "rsa",
    server_names: Sequence[str] = (),
) -> dict:
    """Write the test PKI into ``out_dir`` and return its description (absolute paths, passwords).

    The server certificate names localhost and 127.0.0.1, plus ``server_names`` (a compose service name).
    """
    invalid = [uai for uai in uais if not is_valid_uai(uai)]
    if invalid:
        raise ValueError(f"UAI invalide : {', '.join(invalid)}")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now(UTC)
    ca = make_ca("NetSynchro Test CA", now=now, key_type=key_type)
    other_ca = make_ca("Autre AC (test)", now=now, key_type=key_type)
    result: dict = {
        "ca": _write(out / "ca.pem", _pem(ca.certificate)),
        "other_ca": _write(out / "other-ca.pem", _pem(other_ca.certificate)),
        **_server_files(out, ca, now=now, key_type=key_type, extra_names=server_names),
        "clients": [],
        "variants": [],
    }
    for uai in uais:
        result["clients"].append(_client_entry(out, ca, uai, now=now, key_type=key_type))
        result["variants"].extend(_variant_entries(out, ca, other_ca, uai, uais, now=now, key_type=key_type))
    return result


def _server_files(
    out: Path, ca: Issuer, *, now: datetime, key_type: KeyType, extra_names: Sequence[str] = ()
) -> dict[str, str]:
    names = ("localhost", "127.0.0.1", *extra_names)
    files: dict[str, str] = {}
    periods = {
        "": (now - timedelta(days=1), now + timedelta(days=825)),
        "expired_": (now - timedelta(days=400), now - timedelta(days=1)),
    }
    for prefix, (not_before, not_after) in periods.items():
        key = new_private_key(key_type)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
        cert = issue_certificate(
            ca,
            subject=subject,
            public_key=key.public_key(),
            not_before=not_before,
            not_after=not_after,
            server_names=names,
        )
        stem = "server-expired" if prefix else "server"
        files[f"{prefix}server_cert"] = _write(out / f"{stem}.pem", _pem(cert))
        files[f"{prefix}server_key"] = _write(out / f"{stem}.key", _key_pem(key), private=True)
    return files


def _client_entry(out: Path, ca: Issuer, uai: str, *, now: datetime, key_type: KeyType) -> dict[str, str]:
    password = _password()
    data = client_p12(
        ca,
        subject=client_subject(uai),
        password=password,
        not_before=now - timedelta(days=1),
        not_after=now + CLIENT_VALIDITY,
        key_type=key_type,
    )
    return {"uai": uai, "file": _write(out / f"{uai}.p12", data, private=True), "password": password}


def _variant_entries(
    out: Path, ca: Issuer, other_ca: Issuer, uai: str, uais: Sequence[str], *, now: datetime, key_type: KeyType
) -> list[dict[str, str]]:
    valid = (now - timedelta(days=1), now + CLIENT_VALIDITY)
    specs = {
        "expired": (ca, client_subject(uai), (now - timedelta(days=400), now - timedelta(days=30))),
        "wrong_uai": (ca, client_subject(other_uai(uai, uais)), valid),
        "other_ca": (other_ca, client_subject(uai), valid),
    }
    entries = []
    for kind, (issuer, subject, (not_before, not_after)) in specs.items():
        password = _password()
        data = client_p12(
            issuer,
            subject=subject,
            password=password,
            not_before=not_before,
            not_after=not_after,
            key_type=key_type,
        )
        path = out / f"{uai}-{kind.replace('_', '-')}.p12"
        entries.append({"uai": uai, "kind": kind, "file": _write(path, data, private=True), "password": password})
    return entries


def _builder(
    subject: x509.Name, issuer: x509.Name, public_key: object, not_before: datetime, not_after: datetime
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)  # type: ignore[arg-type]
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)  # type: ignore[arg-type]
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=not cert_sign,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _general_names(names: Sequence[str]) -> list[x509.GeneralName]:
    result: list[x509.GeneralName] = []
    for name in names:
        try:
            result.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            result.append(x509.DNSName(name))
    return result


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _password() -> str:
    return secrets.token_urlsafe(18)


def _write(path: Path, data: bytes, *, private: bool = False) -> str:
    path.write_bytes(data)
    if private:
        path.chmod(0o600)
    return str(path)


def with_mac_iterations(data: bytes, iterations: int) -> bytes:
    """``data`` (a PKCS#12) claiming ``iterations`` for its MAC: a hostile file, for tests. The MAC no longer
    verifies, which does not matter: such a file must be refused before anything is derived."""
    pfx = asn1_pkcs12.Pfx.load(data)
    mac_data = pfx["mac_data"].copy()
    mac_data["iterations"] = iterations
    pfx["mac_data"] = mac_data
    return pfx.dump(force=True)
