"""A NetSynchro sandbox speaking the project's contract (docs/netsynchro.md) over real mutual TLS.

``start_sandbox(pki_dir_or_struct, port=0, **faults) -> SandboxHandle`` (``.url``, ``.control_url``,
``.control(**faults)``, ``.get("/deposits")``, ``.stop()``); ``manage.py netsynchro_sandbox`` wraps it.
"""

from __future__ import annotations

from netsynchro.sandbox.server import PkiFiles, SandboxHandle, start_sandbox
from netsynchro.sandbox.state import Faults, SandboxConfig

__all__ = ["Faults", "PkiFiles", "SandboxConfig", "SandboxHandle", "start_sandbox"]
