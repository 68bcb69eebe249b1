"""The test PKI: files, structure, and what each variant is for."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509

from certificates.pki import generate_test_pki, other_uai
from establishments.uai import is_valid_uai
from tests.certificates.helpers import PKI_UAIS


def test_structure_and_absolute_paths(pki) -> None:
    assert {"ca", "server_cert", "server_key", "clients", "variants"} <= set(pki)
    assert [client["uai"] for client in pki["clients"]] == list(PKI_UAIS)
    files = [
        pki[name]
        for name in ("ca", "other_ca", "server_cert", "server_key", "expired_server_cert", "expired_server_key")
    ]
    files += [entry["file"] for entry in pki["clients"] + pki["variants"]]
    for path in files:
        assert Path(path).is_absolute() and Path(path).is_file()
    kinds = {(v["uai"], v["kind"]) for v in pki["variants"]}
    assert kinds == {(uai, kind) for uai in PKI_UAIS for kind in ("expired", "wrong_uai", "other_ca")}


def test_passwords_are_random_and_never_written(pki) -> None:
    passwords = [entry["password"] for entry in pki["clients"] + pki["variants"]]
    assert len(set(passwords)) == len(passwords) and all(len(p) >= 20 for p in passwords)
    out = Path(pki["ca"]).parent
    for path in out.iterdir():
        content = path.read_bytes()
        assert not any(password.encode() in content for password in passwords), path
        assert not path.name.endswith(".password")


def test_private_files_are_owner_only(pki) -> None:
    for path in [pki["server_key"], pki["expired_server_key"], pki["clients"][0]["file"]]:
        assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600


def test_server_certificates(pki) -> None:
    ca = x509.load_pem_x509_certificate(Path(pki["ca"]).read_bytes())
    now = datetime.now(UTC)
    server = x509.load_pem_x509_certificate(Path(pki["server_cert"]).read_bytes())
    expired = x509.load_pem_x509_certificate(Path(pki["expired_server_cert"]).read_bytes())
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(n.value) for n in names] == ["localhost", "127.0.0.1"]
    assert server.issuer == ca.subject and server.not_valid_after_utc > now
    assert expired.issuer == ca.subject and expired.not_valid_after_utc < now


def test_other_uai_is_valid_and_distinct() -> None:
    assert other_uai("0750654D") == "0750655E"
    assert other_uai("0750654D", ["0750655E"]) != "0750655E"
    assert is_valid_uai(other_uai("9999999P"))


def test_invalid_uai_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="UAI invalide"):
        generate_test_pki(tmp_path, ["0750654X"])


def test_the_server_certificate_can_name_a_compose_service(tmp_path):
    from cryptography import x509

    from certificates.pki import generate_test_pki

    result = generate_test_pki(tmp_path, ["0691234S"], server_names=["netsynchro-sandbox"])
    cert = x509.load_pem_x509_certificate(open(result["server_cert"], "rb").read())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    assert names == ["localhost", "netsynchro-sandbox"]
