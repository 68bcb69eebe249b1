"""Constants and small helpers shared by the certificates tests (no Django import)."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization

UAI_A = "0750654D"
UAI_B = "0751234J"
UAI_C = "0690001B"
PKI_UAIS = (UAI_A, UAI_B, UAI_C)


@dataclass(frozen=True)
class P12:
    data: bytes
    password: str
    key: object
    certificate: x509.Certificate

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(  # type: ignore[attr-defined]
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    @property
    def key_der(self) -> bytes:
        return self.key.private_bytes(  # type: ignore[attr-defined]
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    @property
    def pem_body_lines(self) -> list[str]:
        """The base64 lines of the clear key PEM: none may appear anywhere they should not."""
        return [line for line in self.key_pem.decode().splitlines() if line and not line.startswith("-----")]
