"""The in-memory client TLS context: a real mutual-TLS handshake, and the key never in a file."""

from __future__ import annotations

import os
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from certificates.pkcs12 import LoadedCertificate, load_pkcs12
from certificates.tls import client_ssl_context
from tests.certificates.tls_server import MutualTLSServer, talk


def loaded(entry: dict) -> LoadedCertificate:
    return load_pkcs12(Path(entry["file"]).read_bytes(), entry["password"])


def variant(pki: dict, kind: str) -> dict:
    return next(v for v in pki["variants"] if v["kind"] == kind)


def server_for(pki: dict) -> MutualTLSServer:
    return MutualTLSServer(cert=pki["server_cert"], key=pki["server_key"], client_ca=pki["ca"])


def test_handshake_presents_the_establishment_certificate(pki) -> None:
    client = pki["clients"][1]
    certificate = loaded(client)
    context = client_ssl_context(chain_pem=certificate.chain_pem, key_pem=certificate.key_pem, cafile=pki["ca"])
    with server_for(pki) as server:
        assert talk(context, server.port) == b"ok"
    assert server.result.error == ""
    assert server.result.peer_subject["commonName"] == client["uai"]


def test_certificate_from_another_ca_is_refused_by_the_server(pki) -> None:
    certificate = loaded(variant(pki, "other_ca"))
    context = client_ssl_context(chain_pem=certificate.chain_pem, key_pem=certificate.key_pem, cafile=pki["ca"])
    with server_for(pki) as server:
        with pytest.raises((ssl.SSLError, OSError)):
            talk(context, server.port)
    assert server.result.error and not server.result.peer_subject


def test_server_is_verified_against_the_given_ca(pki) -> None:
    certificate = loaded(pki["clients"][0])
    context = client_ssl_context(chain_pem=certificate.chain_pem, key_pem=certificate.key_pem, cafile=pki["other_ca"])
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    with server_for(pki) as server:
        with pytest.raises(ssl.SSLCertVerificationError):
            talk(context, server.port)


def test_expired_server_certificate_is_refused(pki) -> None:
    certificate = loaded(pki["clients"][0])
    context = client_ssl_context(chain_pem=certificate.chain_pem, key_pem=certificate.key_pem, cafile=pki["ca"])
    server = MutualTLSServer(cert=pki["expired_server_cert"], key=pki["expired_server_key"], client_ca=pki["ca"])
    with server:
        with pytest.raises(ssl.SSLCertVerificationError, match="expired"):
            talk(context, server.port)


def test_httpx_presents_the_certificate_when_the_context_is_passed_as_verify(pki) -> None:
    certificate = loaded(pki["clients"][2])
    context = client_ssl_context(chain_pem=certificate.chain_pem, key_pem=certificate.key_pem, cafile=pki["ca"])
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            subject = dict(rdn[0] for rdn in self.connection.getpeercert()["subject"])
            seen.append(subject["commonName"])
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = server_for(pki).context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with httpx.Client(verify=context, timeout=10) as client:
            response = client.get(f"https://localhost:{httpd.server_address[1]}/")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert response.status_code == 200 and seen == [pki["clients"][2]["uai"]]


def _fd_targets() -> dict[str, str]:
    targets = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            targets[name] = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
    return targets


def _files_containing(roots: list[Path], needles: list[bytes], since: float) -> list[str]:
    """Files under ``roots`` written since ``since`` that contain a needle (other processes may be
    creating and deleting files there meanwhile: vanished entries are skipped)."""
    hits = []
    for root in roots:
        for folder, _, names in os.walk(root, onerror=lambda error: None):
            for name in names:
                path = Path(folder) / name
                try:
                    info = path.stat()
                    if not path.is_file() or info.st_mtime < since or info.st_size > 1_000_000:
                        continue
                    if any(needle in path.read_bytes() for needle in needles):
                        hits.append(str(path))
                except OSError:
                    continue
    return hits


def test_key_never_lands_in_a_regular_file(pki, monkeypatch) -> None:
    certificate = loaded(pki["clients"][0])
    # The base64 lines of this key's clear PEM are unique to it: found in a file means leaked there.
    needles = [line.encode() for line in certificate.key_pem.decode().splitlines() if not line.startswith("-----")]
    during: dict[str, Any] = {}
    since = time.time() - 1
    roots = [Path(tempfile.gettempdir()), Path("/dev/shm"), Path.cwd() / "var"]
    original = ssl.SSLContext.load_cert_chain

    def spy(self: ssl.SSLContext, certfile: str, keyfile: str | None = None, password: Any = None) -> None:
        during["certfile"] = certfile
        during["target"] = os.readlink(certfile)
        during["content"] = Path(certfile).read_bytes()
        during["fds"] = _fd_targets()
        during["files"] = _files_containing(roots, needles, since)
        return original(self, certfile, keyfile, password)

    def no_temp_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file was created")

    monkeypatch.setattr(ssl.SSLContext, "load_cert_chain", spy)
    for name in ("mkstemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, no_temp_files)
    before = set(_fd_targets().values())

    client_ssl_context(chain_pem=certificate.chain_pem, key_pem=certificate.key_pem, cafile=pki["ca"])

    assert str(during["certfile"]).startswith("/proc/self/fd/")
    assert str(during["target"]).startswith("/memfd:netsynchro-client")
    content = during["content"]
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in content and b"BEGIN CERTIFICATE" in content
    assert not any(needle in content for needle in needles)  # even the memfd only holds ciphertext
    assert during["files"] == []
    regular_during = [t for t in during["fds"].values() if t.startswith("/") and t not in before]
    assert all(t.startswith("/memfd:") or t.startswith("/proc/") for t in regular_during), regular_during
    after = set(_fd_targets().values())
    assert not any(t.startswith("/memfd:netsynchro-client") for t in after)  # descriptor closed
    assert _files_containing(roots, needles, since) == []
