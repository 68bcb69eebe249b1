"""The NetSynchro test PKI and sandbox of tests/netsynchro, shared with the export tests."""

from __future__ import annotations

from tests.netsynchro.conftest import pki, private_temporary_folder, sandbox, sandbox_module

__all__ = ["pki", "private_temporary_folder", "sandbox", "sandbox_module"]
