"""The sandbox's servers: HTTPS with client certificates required (the API) and a loopback control
listener, each a stdlib ``ThreadingHTTPServer`` in a daemon thread. No Django needed."""

from __future__ import annotations

import json
import logging
import re
import socket
import ssl
import threading
import urllib.request
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from netsynchro.sandbox.control import ControlHandler
from netsynchro.sandbox.handlers import ApiHandler
from netsynchro.sandbox.state import Faults, SandboxConfig, SandboxState

logger = logging.getLogger("netsynchro.sandbox")
HANDSHAKE_TIMEOUT = 10.0
_CLIENT_P12 = re.compile(r"^([0-9]{7}[A-Z])\.p12$")


@dataclass(frozen=True)
class PkiFiles:
    """The files of ``certificates.pki.generate_test_pki`` the sandbox needs (server side only)."""

    ca: Path
    server_cert: Path
    server_key: Path
    expired_server_cert: Path
    expired_server_key: Path
    uais: frozenset[str]

    @classmethod
    def load(cls, pki: str | Path | dict) -> PkiFiles:
        if isinstance(pki, dict):
            uais = frozenset(c["uai"] for c in pki.get("clients", []))
            return cls(
                Path(pki["ca"]),
                Path(pki["server_cert"]),
                Path(pki["server_key"]),
                Path(pki["expired_server_cert"]),
                Path(pki["expired_server_key"]),
                uais,
            )
        folder = Path(pki)
        uais = frozenset(m[1] for p in folder.glob("*.p12") if (m := _CLIENT_P12.match(p.name)))
        return cls(
            folder / "ca.pem",
            folder / "server.pem",
            folder / "server.key",
            folder / "server-expired.pem",
            folder / "server-expired.key",
            uais,
        )


def server_context(cert: Path, key: Path, ca: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(str(cert), str(key))
    context.load_verify_locations(cafile=str(ca))
    context.verify_mode = ssl.CERT_REQUIRED
    return context


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: SandboxState, pki: PkiFiles) -> None:
        self.state = state
        self.contexts = {
            False: server_context(pki.server_cert, pki.server_key, pki.ca),
            True: server_context(pki.expired_server_cert, pki.expired_server_key, pki.ca),
        }
        super().__init__(address, ApiHandler)

    def get_request(self) -> tuple[socket.socket, tuple]:
        sock, address = self.socket.accept()
        context = self.contexts[self.state.faults.expired_server_cert]
        return context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    # The listening socket is TCP wrapped in TLS (get_request), so a request is always an SSLSocket.
    def finish_request(self, request: ssl.SSLSocket, client_address: tuple) -> None:  # type: ignore[override]
        """Handshake in the connection's own thread; a refused certificate is logged, not raised."""
        request.settimeout(HANDSHAKE_TIMEOUT)
        try:
            request.do_handshake()
        except (ssl.SSLError, OSError) as exc:
            self.state.count("tls_refused")
            logger.info("sandbox TLS handshake refused from %s: %s", client_address[0], getattr(exc, "reason", exc))
            return
        request.settimeout(None)
        super().finish_request(request, client_address)

    def handle_error(self, request: object, client_address: tuple) -> None:
        logger.debug("sandbox connection error from %s", client_address[0], exc_info=True)


class ControlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: SandboxState) -> None:
        self.state = state
        super().__init__(address, ControlHandler)


class SandboxHandle:
    """A running sandbox: ``url`` (HTTPS API), ``control_url``, ``control(**faults)``, ``stop()``."""

    def __init__(self, api: ApiServer, control: ControlServer, state: SandboxState) -> None:
        self.state = state
        self._servers = (api, control)
        self.url = f"https://127.0.0.1:{api.server_address[1]}"
        self.control_url = f"http://127.0.0.1:{control.server_address[1]}"
        self._threads = [
            threading.Thread(
                target=s.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True, name=f"netsynchro-sandbox-{i}"
            )
            for i, s in enumerate(self._servers)
        ]
        for thread in self._threads:
            thread.start()

    def control(self, path: str = "/faults", **changes: object) -> dict:
        """POST ``changes`` to the control listener (``/faults`` by default); returns its answer."""
        return self._call("POST", path, changes)

    def get(self, path: str) -> dict:
        return self._call("GET", path, None)

    def _call(self, method: str, path: str, body: dict | None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        # The control listener is plain http on 127.0.0.1, a URL this handle built itself.
        request = urllib.request.Request(  # noqa: S310
            self.control_url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_sandbox(
    pki: str | Path | dict,
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    control_port: int = 0,
    config: SandboxConfig | None = None,
    **faults: object,
) -> SandboxHandle:
    """Start the API (HTTPS, client certificates of the test CA required) and the control listener
    (plain HTTP on 127.0.0.1) in daemon threads. ``faults`` are ``Faults`` fields."""
    files = PkiFiles.load(pki)
    fault_state = Faults()
    fault_state.update(faults)
    state = SandboxState(config or SandboxConfig(), fault_state, set(files.uais))
    api = ApiServer((host, port), state, files)
    control = ControlServer(("127.0.0.1", control_port), state)
    return SandboxHandle(api, control, state)
