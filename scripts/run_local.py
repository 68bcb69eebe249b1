"""`make run`: prepare the embedded-default stack (SQLite, filesystem broker) and start every process.

Runs migrations and the demo data, makes sure the demo establishments have a NetSynchro test certificate
(test PKI in var/pki, generated once), prints the URL and the demo logins, then hands over to honcho,
which starts the web server, the Celery worker and beat, and the NetSynchro sandbox on
https://127.0.0.1:8443 from Procfile.dev (Ctrl-C stops them all).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
URL = "http://127.0.0.1:8000"
PKI_DIR = ROOT / "var" / "pki"
DEMO_UAIS = ("0691234S", "0691235T", "0691236U", "0381111B")


def manage(*args: str, capture: bool = False, stdin: str | None = None, check: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, check=check, text=True, capture_output=capture, input=stdin
    )
    return result.stdout if capture else ""


_CHECK = """
import json
from django_scopes import scopes_disabled
from certificates.selectors import certificate_for
from establishments.models import Establishment
from establishments.school_years import current_school_year
year = current_school_year()
with scopes_disabled():
    found = {e.uai: e for e in Establishment.objects.filter(uai__in=%r)}
    missing = [u for u in %r if u not in found or certificate_for(establishment=found[u], school_year=year) is None]
print(json.dumps({"year": year, "missing": missing}))
"""


def certificate_check() -> dict:
    """The current school year and the demo UAIs without a certificate for it (one Django start)."""
    code = _CHECK % (list(DEMO_UAIS), list(DEMO_UAIS))
    return json.loads(manage("shell", "-v", "0", "-c", code, capture=True).strip().splitlines()[-1])


def ensure_netsynchro_demo() -> None:
    """Generate the test PKI once; install the demo certificates when missing. A missing one means a new
    PKI (its passwords are never stored), and then every demo certificate is reinstalled from it."""
    check = certificate_check()
    year = check["year"]
    if (PKI_DIR / "ca.pem").is_file() and not check["missing"]:
        return
    pki = json.loads(manage("netsynchro_pki", "--out", str(PKI_DIR), "--uai", *DEMO_UAIS, capture=True))
    for client in pki["clients"]:
        # The password goes through a pipe, never a file.
        manage(
            "certificate_install",
            "--uai",
            client["uai"],
            "--year",
            str(year),
            "--file",
            client["file"],
            "--password-file",
            "/dev/stdin",
            stdin=client["password"],
            capture=True,
        )
    print(f"Certificats NetSynchro de test installés pour {', '.join(DEMO_UAIS)} ({year}-{year + 1}).", flush=True)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsync_portal.settings.local")
    (ROOT / "var").mkdir(exist_ok=True)
    manage("migrate", "--noinput", "-v", "0")
    logins = manage("demo_setup", capture=True)
    ensure_netsynchro_demo()
    print(f"\nNetSynchro Portal démarre sur {URL}\n\nComptes de démonstration :\n{logins}", flush=True)
    print("Bac à sable NetSynchro : https://127.0.0.1:8443 (contrôle : http://127.0.0.1:8444)", flush=True)
    print("Arrêt : Ctrl-C.\n", flush=True)
    honcho = str(Path(PYTHON).parent / "honcho")
    os.chdir(ROOT)
    os.execv(honcho, [honcho, "-f", "Procfile.dev", "start"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
