"""A one-shot TLS server on 127.0.0.1 in a thread, requiring a client certificate (test helper)."""

from __future__ import annotations

import socket
import ssl
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class HandshakeResult:
    peer_subject: dict[str, str] = field(default_factory=dict)
    error: str = ""


class MutualTLSServer:
    """Accepts one connection, records the client's subject (or the error), answers ``ok``."""

    def __init__(self, *, cert: str, key: str, client_ca: str) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.context.load_verify_locations(client_ca)
        self.context.verify_mode = ssl.CERT_REQUIRED
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.result = HandshakeResult()
        self.thread = threading.Thread(target=self._serve_one, daemon=True)

    def __enter__(self) -> MutualTLSServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.thread.join(timeout=10)
        self.listener.close()

    def _serve_one(self) -> None:
        self.listener.settimeout(10)
        connection, _ = self.listener.accept()
        try:
            with self.context.wrap_socket(connection, server_side=True) as tls:
                peer: dict[str, Any] = dict(tls.getpeercert() or {})
                self.result.peer_subject = {name: value for rdn in peer.get("subject", ()) for name, value in rdn}
                tls.sendall(b"ok")
        except (ssl.SSLError, OSError) as error:
            self.result.error = str(error)
        finally:
            connection.close()


def talk(context: ssl.SSLContext, port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            return tls.recv(16)
