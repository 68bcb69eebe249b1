"""Benchmark of the NetSynchro client's bounds against the sandbox (no database, no Django settings).

Run: ``.venv/bin/python bench/netsynchro_fetch.py [--mib 512]``. Prints one JSON line per case with its
seconds and the process's peak resident memory growth (MB):

- ``stream``: a body of ``--mib`` MiB within a 1 GiB limit, streamed to a private file;
- ``refuse_undeclared``: a 2 GiB body without Content-Length at the default 256 MiB limit (counted while read);
- ``drip``: a peer sending one byte every 0.5 s, with a 2 s request deadline.

Targets: memory growth under 50 MB whatever the body size; refusal at the limit; the drip cut within 0.2 s
of its deadline.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from certificates.pki import generate_test_pki  # noqa: E402
from certificates.tls import client_ssl_context  # noqa: E402
from netsynchro.client import ClientLimits, NetSynchroClient, RetryPolicy  # noqa: E402
from netsynchro.errors import NetSynchroError  # noqa: E402
from netsynchro.sandbox import start_sandbox  # noqa: E402
from netsynchro.sandbox.state import default_years  # noqa: E402

UAI, MiB = "0691234S", 1024 * 1024
YEAR = default_years()[1]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def client(sandbox, pki: dict, limits: ClientLimits) -> NetSynchroClient:
    entry = next(c for c in pki["clients"] if c["uai"] == UAI)
    key, cert, cas = pkcs12.load_key_and_certificates(Path(entry["file"]).read_bytes(), entry["password"].encode())
    assert key is not None and cert is not None, "a client .p12 holds a key and its certificate"
    chain = cert.public_bytes(Encoding.PEM) + b"".join(c.public_bytes(Encoding.PEM) for c in cas or [])
    key_pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    context = client_ssl_context(chain_pem=chain, key_pem=key_pem, cafile=pki["ca"])
    return NetSynchroClient(
        base_url=sandbox.url, uai=UAI, ssl_context=context, retry=RetryPolicy(attempts=1), limits=limits
    )


def case(name: str, sandbox, pki: dict, folder: str, limits: ClientLimits, **faults: object) -> None:
    sandbox.control("/reset")
    sandbox.control(**faults)
    outcome = "saved"
    with client(sandbox, pki, limits) as netsynchro:
        before, started = peak_mb(), time.monotonic()
        try:
            export = netsynchro.fetch_export(year=YEAR, kind="eleves", directory=folder)
            outcome += f" {export.size // MiB} MiB"
            export.discard()
        except NetSynchroError as error:
            outcome = f"{error.code}: {error.message}"
    seconds = round(time.monotonic() - started, 2)
    print(
        json.dumps(
            {"case": name, "seconds": seconds, "peak_growth_mb": round(peak_mb() - before, 1), "outcome": outcome},
            ensure_ascii=False,
        )
    )
    time.sleep(0.6)  # let a cut sandbox thread notice


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=512)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pki = generate_test_pki(Path(folder) / "pki", (UAI,))
        with start_sandbox(pki) as sandbox:
            case(
                "stream",
                sandbox,
                pki,
                folder,
                ClientLimits(max_export_bytes=1024 * MiB),
                huge_export_bytes=options.mib * MiB,
            )
            case(
                "refuse_undeclared",
                sandbox,
                pki,
                folder,
                ClientLimits(),
                huge_export_bytes=2048 * MiB,
                hide_length=True,
            )
            case("drip", sandbox, pki, folder, ClientLimits(request_deadline=2.0), drip_seconds=0.5)


if __name__ == "__main__":
    main()
