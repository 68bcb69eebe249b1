"""The control listener: plain HTTP bound to 127.0.0.1 only, answering loopback peers only.

GET  /faults    → the current faults            POST /faults  {"fail_next": 1, ...} → sets them
POST /reset     → no faults, no deposits        GET  /deposits → every deposit and its status
POST /exports   {"uai": "0691234S", "students": 300} → export size for a UAI
GET  /stats     → request and answer counts
"""

from __future__ import annotations

import ipaddress
import json
import logging
from http.server import BaseHTTPRequestHandler

from netsynchro.sandbox.state import SandboxState

logger = logging.getLogger("netsynchro.sandbox")


class ControlHandler(BaseHTTPRequestHandler):
    server_version = "NetSynchroSandboxControl/1"

    @property
    def state(self) -> SandboxState:
        return self.server.state  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        logger.debug("control %s", format % args)

    def do_GET(self) -> None:
        if not self._loopback():
            return
        state = self.state
        if self.path == "/faults":
            return self._json(200, state.faults.as_dict())
        if self.path == "/stats":
            return self._json(200, state.stats())
        if self.path == "/deposits":
            with state.lock:
                deposits = [d.as_json(state.config) for d in state.deposits.values()]
            return self._json(200, {"deposits": deposits})
        self._json(404, {"error": "unknown control path"})

    def do_POST(self) -> None:
        if not self._loopback():
            return
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            self._json(200, self._apply(self.path, body))
        except (ValueError, TypeError, KeyError) as exc:
            self._json(400, {"error": str(exc)})

    def _apply(self, path: str, body: dict) -> dict:
        state = self.state
        with state.lock:
            if path == "/faults":
                state.faults.update(body)
                return state.faults.as_dict()
            if path == "/reset":
                state.reset()
                return {"reset": True}
            if path == "/exports":
                state.config.students_by_uai[str(body["uai"]).upper()] = int(body["students"])
                return {"students_by_uai": dict(state.config.students_by_uai)}
        raise KeyError(f"unknown control path {path}")

    def _loopback(self) -> bool:
        if ipaddress.ip_address(self.client_address[0]).is_loopback:
            return True
        self._json(403, {"error": "control endpoint is reachable from loopback only"})
        return False

    def _json(self, status: int, payload: dict) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
