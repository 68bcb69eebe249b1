"""`make run`: prepare the embedded-default stack (SQLite, filesystem broker) and start every process.

Runs migrations and the demo data, prints the URL and the demo logins, then hands over to honcho,
which starts the web server, the Celery worker and beat from Procfile.dev (Ctrl-C stops them all).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
URL = "http://127.0.0.1:8000"


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True, text=True, capture_output=capture)
    return result.stdout if capture else ""


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsync_portal.settings.local")
    (ROOT / "var").mkdir(exist_ok=True)
    manage("migrate", "--noinput", "-v", "0")
    logins = manage("demo_setup", capture=True)
    print(f"\nNetSynchro Portal démarre sur {URL}\n\nComptes de démonstration :\n{logins}", flush=True)
    print("Arrêt : Ctrl-C.\n", flush=True)
    honcho = str(Path(PYTHON).parent / "honcho")
    os.chdir(ROOT)
    os.execv(honcho, [honcho, "-f", "Procfile.dev", "start"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
