"""The command-line contract: certificate_install, certificate_show, certificate_rotate_keys, netsynchro_pki."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.test import override_settings

from tests.certificates.django_helpers import certificates
from tests.commands import run_command

pytestmark = pytest.mark.django_db
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def run(name: str, *args: str) -> tuple[int, dict]:
    code, text = run_command(name, *args)
    assert text.endswith("\n") and text.count("\n") == 1, text
    return code, json.loads(text)


@pytest.fixture
def files(tmp_path: Path, make_p12, cite_college):
    def write(p12, password_text: str | None = None) -> tuple[str, str]:
        cert, secret = tmp_path / "c.p12", tmp_path / "c.password"
        cert.write_bytes(p12.data)
        secret.write_text(p12.password + "\n" if password_text is None else password_text, encoding="utf-8")
        return str(cert), str(secret)

    return write


def install_args(uai: str, year: int, cert: str, secret: str) -> list[str]:
    return ["certificate_install", "--uai", uai, "--year", str(year), "--file", cert, "--password-file", secret]


def test_install_prints_the_contract(files, make_p12, cite_college) -> None:
    p12 = make_p12(cite_college.uai)
    code, result = run(*install_args(cite_college.uai, 2026, *files(p12)))
    assert code == 0 and set(result) == {"uai", "year", "subject", "not_after", "fingerprint_sha256"}
    assert result["uai"] == cite_college.uai and result["year"] == 2026
    assert ISO_UTC.match(result["not_after"])
    assert result["fingerprint_sha256"] == p12.certificate.fingerprint(hashes.SHA256()).hex()
    assert result["subject"] == p12.certificate.subject.rfc4514_string()
    events = [(c.establishment.uai, c.school_year) for c in certificates()]
    assert events == [(cite_college.uai, 2026)]


def test_install_twice_replaces(files, make_p12, cite_college) -> None:
    run(*install_args(cite_college.uai, 2026, *files(make_p12(cite_college.uai))))
    second = make_p12(cite_college.uai)
    code, result = run(*install_args(cite_college.uai, 2026, *files(second)))
    assert code == 0 and len(certificates()) == 1
    assert certificates()[0].fingerprint_sha256 == result["fingerprint_sha256"]


def test_only_one_trailing_newline_is_ignored(files, make_p12, cite_college) -> None:
    p12 = make_p12(cite_college.uai, password="abc")
    assert run(*install_args(cite_college.uai, 2026, *files(p12, "abc\r\n")))[0] == 0
    code, result = run(*install_args(cite_college.uai, 2026, *files(p12, "abc\n\n")))
    assert code == 1 and "clé certificat est incorrecte" in result["error"]


@pytest.mark.parametrize(
    ("uai", "year", "p12_kwargs", "message"),
    [
        ("0691234S", 2026, {"starts": -50, "ends": -1}, "a expiré"),
        ("0691234S", 2026, {"uai": "0691235T"}, "pas de l'établissement 0691234S"),
        ("0750654D", 2026, {}, "Établissement inconnu"),
        ("0691234S", 26, {}, "Année scolaire invalide"),
    ],
)
def test_refusals_exit_1_with_an_error(
    files, make_p12, cite_college, cite_lycee, uai, year, p12_kwargs, message
) -> None:
    p12 = make_p12(p12_kwargs.pop("uai", cite_college.uai), **p12_kwargs)
    code, result = run(*install_args(uai, year, *files(p12)))
    assert code == 1 and set(result) == {"error"} and message in result["error"]
    assert certificates() == []


def test_missing_file_is_refused(cite_college, tmp_path) -> None:
    code, result = run(*install_args(cite_college.uai, 2026, str(tmp_path / "none.p12"), str(tmp_path / "none")))
    assert code == 1 and "illisible" in result["error"]


def test_show(files, make_p12, cite_college) -> None:
    p12 = make_p12(cite_college.uai, password="Secret-Show-123")
    _, installed = run(*install_args(cite_college.uai, 2026, *files(p12)))
    code, shown = run("certificate_show", "--uai", cite_college.uai, "--year", "2026")
    assert code == 0 and shown == {**installed, "status": "valid", "status_label": shown["status_label"]}
    assert "Secret-Show-123" not in json.dumps(shown) and "PRIVATE" not in json.dumps(shown)
    code, missing = run("certificate_show", "--uai", cite_college.uai, "--year", "2027")
    assert code == 1 and "Aucun certificat" in missing["error"]


def test_rotate_keys_command(files, make_p12, cite_college, settings) -> None:
    run(*install_args(cite_college.uai, 2026, *files(make_p12(cite_college.uai))))
    new = "t9:" + base64.b64encode(bytes(32)).decode()
    with override_settings(CERTIFICATE_KEYS=f"{new},{settings.CERTIFICATE_KEYS}"):
        code, summary = run("certificate_rotate_keys")
    assert code == 0 and summary == {"key_id": "t9", "total": 1, "rotated": 1, "already_current": 0, "failed": []}


def test_netsynchro_pki_command(tmp_path) -> None:
    code, result = run(
        "netsynchro_pki", "--out", str(tmp_path / "pki"), "--uai", "0691234S", "0691235T", "--key-type", "ec"
    )
    assert code == 0 and [c["uai"] for c in result["clients"]] == ["0691234S", "0691235T"]
    for client in result["clients"]:
        assert Path(client["file"]).is_absolute() and client["password"]
    assert {"ca", "server_cert", "server_key", "variants"} <= set(result)
    ca = x509.load_pem_x509_certificate(Path(result["ca"]).read_bytes())
    assert "NetSynchro Test CA" in ca.subject.rfc4514_string()
    code, refused = run("netsynchro_pki", "--out", str(tmp_path / "x"), "--uai", "0691234X")
    assert code == 1 and "UAI invalide" in refused["error"]
