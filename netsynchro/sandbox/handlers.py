"""The API request handler: the project's NetSynchro contract (docs/netsynchro.md) over mutual TLS."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from netsynchro import protocol
from netsynchro.sandbox.exports import export_zip
from netsynchro.sandbox.faults import DROP, injected_answer
from netsynchro.sandbox.hostile import hostile_zip, huge_body
from netsynchro.sandbox.state import DepositRecord, SandboxState
from netsynchro.sandbox.validation import deposit_problems

logger = logging.getLogger("netsynchro.sandbox")

_ROUTE = re.compile(
    r"^/api/v1/etablissements/(?P<uai>[0-9A-Za-z]{8})(?:/exports/(?P<year>\d{4})/(?P<kind>[a-z]+)"
    r"|/(?P<depots>depots)(?:/(?P<deposit>[0-9a-f]+))?)?$"
)


def certificate_uai(peer: dict | None) -> str:
    """The UAI the client certificate names: its subject CN."""
    for rdn in (peer or {}).get("subject", ()):
        for name, value in rdn:
            if name == "commonName":
                return str(value).strip().upper()
    return ""


class ApiHandler(BaseHTTPRequestHandler):
    server_version = "NetSynchroSandbox/1"
    protocol_version = "HTTP/1.1"

    @property
    def state(self) -> SandboxState:
        return self.server.state  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        logger.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        body = self._read_body() if method == "POST" else b""
        if body is None:
            return self._error(413, protocol.DEPOSIT_TOO_LARGE, "Le fichier déposé est trop volumineux.")
        injected = injected_answer(self.state)
        if injected == DROP:
            self.state.count("dropped")
            self.close_connection = True
            return
        if isinstance(injected, tuple):
            status, headers, payload = injected
            return self._json(status, payload, headers)
        url = urlsplit(self.path)
        match = _ROUTE.match(url.path)
        if match is None:
            return self._error(404, protocol.NOT_FOUND, "Adresse inconnue de la plateforme NetSynchro.")
        uai = match["uai"].upper()
        refused = self._identity_problem(uai)
        if refused:
            return self._error(*refused)
        if not (match["kind"] or match["depots"]) and method == "GET":
            return self._json(200, {"uai": uai, "annees": list(self.state.config.years)})
        if match["kind"] and method == "GET":
            return self._export(uai, int(match["year"]), match["kind"])
        if match["depots"] and match["deposit"] and method == "GET":
            return self._deposit_status(uai, match["deposit"])
        if match["depots"] and not match["deposit"] and method == "POST":
            return self._deposit(uai, parse_qs(url.query), body)
        return self._error(405, "methode_non_autorisee", "Méthode non autorisée pour cette adresse.")

    def _identity_problem(self, uai: str) -> tuple[int, str, str] | None:
        """(status, code, message) when the certificate may not act for ``uai``."""
        named = certificate_uai(self.connection.getpeercert())
        if named != uai:
            return (
                403,
                protocol.CERTIFICATE_UAI,
                f"Le certificat présenté est celui de l'établissement {named or 'inconnu'}, pas de {uai} : "
                "accès refusé.",
            )
        if uai not in self.state.known_uais:
            return 404, protocol.UNKNOWN_UAI, f"L'établissement {uai} est inconnu de NetSynchro."
        return None

    def _export(self, uai: str, year: int, kind: str) -> None:
        if kind not in protocol.EXPORT_FILES:
            return self._error(404, protocol.UNKNOWN_KIND, f"Type d'export inconnu : « {kind} ».")
        if year not in self.state.config.years:
            return self._error(
                404, protocol.UNKNOWN_YEAR, f"L'année scolaire {year}-{year + 1} est inconnue de SIECLE."
            )
        if uai in self.state.faults.no_export:
            return self._error(
                404, protocol.NO_EXPORT, f"Aucun export SIECLE BEE n'est disponible pour {uai} en {year}-{year + 1}."
            )
        faults = self.state.faults
        headers = {
            "Content-Type": "application/zip",
            "Content-Disposition": f'attachment; filename="{protocol.EXPORT_FILES[kind]}"',
        }
        if faults.huge_export_bytes:
            return self._send_chunks(200, huge_body(faults.huge_export_bytes), faults.huge_export_bytes, headers)
        if faults.hostile_export:
            content = hostile_zip(faults.hostile_export, kind)
        else:
            content = export_zip(self.state, uai=uai, year=year, kind=kind)
        self._send_chunks(200, iter((content,)), len(content), headers)

    def _deposit(self, uai: str, query: dict[str, list[str]], body: bytes) -> None:
        destination = (query.get("destination") or [""])[0]
        year_text = (query.get("annee") or [""])[0]
        if destination not in protocol.DESTINATIONS:
            return self._error(
                400,
                protocol.UNKNOWN_DESTINATION,
                f"Destination inconnue : « {destination} » (attendu : {', '.join(protocol.DESTINATIONS)}).",
            )
        if not year_text.isdigit() or int(year_text) not in self.state.config.years:
            return self._error(404, protocol.UNKNOWN_YEAR, f"Année scolaire inconnue : « {year_text} ».")
        if not body:
            return self._error(400, protocol.EMPTY_DEPOSIT, "Le fichier déposé est vide.")
        record = self._store_deposit(uai, destination, int(year_text), (query.get("nom") or ["depot.xml"])[0], body)
        if isinstance(record, dict):
            return self._json(409, record)
        self._json(202, record.as_json(self.state.config))

    def _store_deposit(self, uai: str, destination: str, year: int, filename: str, body: bytes) -> DepositRecord | dict:
        """The new deposit, or the 409 body when the same file was already deposited."""
        with self.state.lock:
            duplicate = self.state.find_duplicate(uai, destination, hashlib.sha256(body).hexdigest())
            if duplicate is not None:
                return {
                    "code": protocol.DUPLICATE_DEPOSIT,
                    "id": duplicate.id,
                    "message": f"Ce fichier a déjà été déposé pour {destination} (dépôt {duplicate.id}).",
                }
            problems = deposit_problems(body, destination=destination, uai=uai, year=year)
            return self.state.add_deposit(
                uai=uai, destination=destination, year=year, filename=filename[:200], content=body, problems=problems
            )

    def _deposit_status(self, uai: str, deposit_id: str) -> None:
        record = self.state.deposits.get(deposit_id)
        if record is None or record.uai != uai:
            return self._error(404, protocol.UNKNOWN_DEPOSIT, f"Dépôt inconnu : {deposit_id}.")
        self._json(200, record.as_json(self.state.config))

    # --- I/O -----------------------------------------------------------------------------------

    def _read_body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > protocol.MAX_DEPOSIT_BYTES:
            self.close_connection = True
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _send_chunks(self, status: int, chunks: Iterator[bytes], length: int, headers: dict[str, str]) -> None:
        """An export answer, shaped by the faults: without Content-Length, or dripped byte by byte."""
        faults = self.state.faults
        self.state.count(str(status))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if faults.hide_length:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        for chunk in chunks:
            if faults.drip_seconds > 0:
                self._drip(chunk, faults.drip_seconds)
            else:
                self.wfile.write(chunk)

    def _drip(self, chunk: bytes, seconds: float) -> None:
        for index in range(len(chunk)):
            self.wfile.write(chunk[index : index + 1])
            self.wfile.flush()
            time.sleep(seconds)

    def _error(self, status: int, code: str, message: str) -> None:
        self._json(status, {"code": code, "message": message})

    def _json(self, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, data, {"Content-Type": "application/json; charset=utf-8", **(headers or {})})

    def _send(self, status: int, data: bytes, headers: dict[str, str]) -> None:
        self.state.count(str(status))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
