"""An overall deadline for one HTTP exchange, whatever the peer does.

httpx's timeouts bound each socket operation: a peer sending one byte every 20 s never trips a 60 s read
timeout, so a fetch could last forever. ``Deadline`` learns the connection's socket from httpcore's
``trace`` extension and, when the time is up, shuts it down from a timer thread: the blocked read returns at
once, httpx raises a transport error, and the client reports the deadline (``expired`` says so).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any

# httpcore trace events whose ``return_value`` is the connection's network stream.
_STREAM_EVENTS = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})


class Deadline:
    """Use as a context manager around one request; pass ``trace`` as the request's trace extension."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(0.0, seconds)
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event not in _STREAM_EVENTS:
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.expired:  # the handshake ended after the deadline
                    _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, not SSLSocket's: that one would tear the SSL object down under the
    # reading thread's feet. Shutting the descriptor wakes a blocked recv() with end-of-file.
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class Budget:
    """The time left to a whole operation (a job): several requests and the waits between them."""

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._ends_at = clock() + seconds

    def left(self) -> float:
        return max(0.0, self._ends_at - self._clock())
