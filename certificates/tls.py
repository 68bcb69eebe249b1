"""A client ``ssl.SSLContext`` presenting a certificate whose key never touches a file (CONVENTIONS.md §D.3).

``ssl.SSLContext.load_cert_chain`` only reads paths. The chain and the key go into an anonymous
``memfd_create`` file (RAM only, in no directory) read through ``/proc/self/fd/N``; the key is first
re-encrypted under a throwaway random password so even that descriptor only ever holds ciphertext.
OpenSSL has copied the key into the context when ``load_cert_chain`` returns; the descriptor is then
closed and the memory freed.

httpx 0.28 silently drops ``cert=`` when ``verify`` is a path: pass this context as ``verify=``.
"""

from __future__ import annotations

import os
import secrets
import ssl
from pathlib import Path

from cryptography.hazmat.primitives import serialization


class InMemoryTLSUnavailable(RuntimeError):
    """The platform has no ``memfd_create``: we refuse rather than fall back to a file."""


def client_ssl_context(*, chain_pem: bytes, key_pem: bytes, cafile: str | Path) -> ssl.SSLContext:
    """A TLS client context presenting ``chain_pem``/``key_pem`` and verifying the server against ``cafile``."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(cafile))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    throwaway = secrets.token_urlsafe(32).encode("ascii")
    encrypted_key = _reencrypt_key(key_pem, throwaway)
    descriptor = _memfd(chain_pem + encrypted_key)
    try:
        context.load_cert_chain(f"/proc/self/fd/{descriptor}", password=throwaway)
    finally:
        os.close(descriptor)
    return context


def _reencrypt_key(key_pem: bytes, password: bytes) -> bytes:
    key = serialization.load_pem_private_key(key_pem, password=None)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )


def _memfd(content: bytes) -> int:
    if not hasattr(os, "memfd_create"):
        raise InMemoryTLSUnavailable("os.memfd_create est indisponible : le certificat ne peut pas être présenté.")
    descriptor = os.memfd_create("netsynchro-client", os.MFD_CLOEXEC)
    try:
        view = memoryview(content)
        while view:
            written = os.write(descriptor, view)
            view = view[written:]
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor
