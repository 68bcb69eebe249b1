"""`make run`: prepare the embedded-default stack (SQLite, filesystem broker) and start every process.

Runs migrations and the demo data, makes sure the demo establishments have a NetSynchro test certificate
(test PKI in var/pki, generated once), prints the URL and the demo logins, then hands over to honcho,
which starts the web server, the Celery worker and beat, and the NetSynchro sandbox on
https://127.0.0.1:8443 from Procfile.dev (Ctrl-C stops them all, and `make run` exits 0).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import honcho.manager
from honcho.environ import parse_procfile

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


def make_var_private(var: Path) -> None:
    """Tighten what an earlier version left readable by others; new files are private by the umask that
    netsync_portal.settings.local sets in every process."""
    var.mkdir(mode=0o700, exist_ok=True)
    var.chmod(0o700)
    for folder, dirs, files in os.walk(var):
        for name in dirs:
            Path(folder, name).chmod(0o700)
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                path.chmod(0o600)


def explain_root() -> None:
    """Celery discourages a worker running as root and prints a long warning; say it once, plainly."""
    if os.geteuid() != 0:
        return
    print(
        "Session root : le worker Celery tourne en root, ce que Celery déconseille (avertissement masqué).\n"
        "Sur un poste de travail, lancez make run avec votre compte ordinaire.",
        flush=True,
    )
    os.environ["PYTHONWARNINGS"] = "ignore:You're running the worker with superuser privileges"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsync_portal.settings.local")
    os.environ.setdefault("DJANGO_RUNSERVER_HIDE_WARNING", "true")  # we know: it is the laptop stack
    os.umask(0o077)
    make_var_private(ROOT / "var")
    manage("migrate", "--noinput", "-v", "0")
    logins = manage("demo_setup", capture=True)
    ensure_netsynchro_demo()
    print(f"\nNetSynchro Portal démarre sur {URL}\n\nComptes de démonstration :\n{logins}", flush=True)
    print("Bac à sable NetSynchro : https://127.0.0.1:8443 (contrôle : http://127.0.0.1:8444)", flush=True)
    print("Pages de débogage de Django au lieu des pages d'erreur du portail : DEBUG=1 make run.", flush=True)
    print("Arrêt : Ctrl-C.\n", flush=True)
    explain_root()
    return run_processes()


# The signal each program takes as a clean stop: runserver's is Ctrl-C's SIGINT; Celery answers SIGINT with
# exit code 1 and SIGTERM with a warm shutdown and 0; the sandbox takes either.
STOP_SIGNALS = {"web": signal.SIGINT}
# A Celery warm shutdown on the filesystem broker takes about 6 s; honcho's default wait before SIGKILL is 5 s.
honcho.manager.KILL_WAIT = 30


class LaptopManager(honcho.manager.Manager):
    """honcho's manager, stopping each program alone (Procfile.dev lines ``exec`` it) with its clean-stop
    signal. honcho's own SIGTERM goes to the whole process group: Celery's pool processes then die under
    their master, which logs errors, and runserver dies of the signal."""

    def _killall(self, force: bool = False) -> None:
        if force:
            super()._killall(force=True)
            return
        for name, process in self._processes.items():
            if "returncode" not in process:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process["pid"], STOP_SIGNALS.get(name, signal.SIGTERM))


@contextlib.contextmanager
def terminal_foreground() -> Iterator[None]:
    """Make this process group the terminal's foreground one while the stack runs, so that Ctrl-C reaches
    this runner only: make, left outside, would otherwise print "Interrupt" and exit 130."""
    if not os.isatty(0):
        yield
        return
    previous = os.tcgetpgrp(0)
    handler = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a background group may not take the terminal
    with contextlib.suppress(PermissionError):  # already a session leader: nothing to leave
        os.setpgid(0, 0)
    os.tcsetpgrp(0, os.getpgrp())
    try:
        yield
    finally:
        os.tcsetpgrp(0, previous)
        signal.signal(signal.SIGTTOU, handler)


def run_processes() -> int:
    manager = LaptopManager()
    for name, command in parse_procfile((ROOT / "Procfile.dev").read_text()).processes.items():
        manager.add_process(name, command, env=dict(os.environ), cwd=str(ROOT))
    with terminal_foreground():
        manager.loop()
    # honcho's code for "stopped by SIGINT": the stop the user asked for with Ctrl-C is a success.
    return 0 if manager.returncode == 130 else int(manager.returncode or 0)


if __name__ == "__main__":
    sys.exit(main())
