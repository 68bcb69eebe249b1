from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from netsynchro.sandbox import SandboxConfig, start_sandbox


class Command(BaseCommand):
    help = (
        "Démarre le bac à sable NetSynchro (HTTPS à certificat client, contrat docs/netsynchro.md) "
        "avec la PKI de test de DIR. Affiche l'URL une fois à l'écoute ; Ctrl-C l'arrête."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pki", required=True, help="dossier écrit par netsynchro_pki")
        parser.add_argument("--port", type=int, default=8443)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--control-port", type=int, default=None, help="écoute de contrôle (127.0.0.1), port+1 par défaut"
        )
        parser.add_argument("--students", type=int, default=None, help="élèves par export (120 par défaut)")
        parser.add_argument("--students-uai", action="append", default=[], metavar="UAI=N")
        parser.add_argument("--received-seconds", type=float, default=None)
        parser.add_argument("--processing-seconds", type=float, default=None)
        parser.add_argument("--latency", type=float, default=0.0)
        parser.add_argument("--fail-rate", type=float, default=0.0, help="part de réponses 503")
        parser.add_argument("--retry-after", type=int, default=1)
        parser.add_argument("--drop-rate", type=float, default=0.0, help="part de connexions coupées")
        parser.add_argument("--expired-server-cert", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        pki = Path(options["pki"])
        if not (pki / "ca.pem").is_file():
            raise CommandError(f"PKI de test introuvable dans {pki} : lancez d'abord netsynchro_pki.")
        handle = start_sandbox(
            pki,
            options["port"],
            host=options["host"],
            control_port=self._control_port(options),
            config=self._config(options),
            **self._faults(options),
        )
        self.stdout.write(handle.url)
        self.stdout.write(f"contrôle : {handle.control_url}")
        self.stdout.flush()
        sys.stdout.flush()
        self._wait()
        handle.stop()

    def _control_port(self, options: dict) -> int:
        if options["control_port"] is not None:
            return options["control_port"]
        return options["port"] + 1 if options["port"] else 0

    def _config(self, options: dict) -> SandboxConfig:
        base = dict(settings.NETSYNCHRO_SANDBOX or {})
        for name in ("students", "received_seconds", "processing_seconds"):
            if options[name] is not None:
                base[name] = options[name]
        by_uai = dict(base.pop("students_by_uai", {}))
        for item in options["students_uai"]:
            uai, _, count = item.partition("=")
            by_uai[uai.strip().upper()] = int(count)
        return SandboxConfig(students_by_uai=by_uai, **{k: v for k, v in base.items() if k != "faults"})

    def _faults(self, options: dict) -> dict:
        faults = dict((settings.NETSYNCHRO_SANDBOX or {}).get("faults", {}))
        for name in ("latency", "fail_rate", "retry_after", "drop_rate"):
            if options[name]:
                faults[name] = options[name]
        if options["expired_server_cert"]:
            faults["expired_server_cert"] = True
        return faults

    def _wait(self) -> None:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
