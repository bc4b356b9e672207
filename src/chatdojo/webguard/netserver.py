"""The HTTP server under ``chatdojo serve``: bounded connections, real client addresses.

Tornado's ``Application.listen`` (which Voila calls) builds an ``HTTPServer`` that waits up
to 3,600 s for a request's headers, caps nothing and, once the process is out of file
descriptors, spins in its accept loop logging a traceback per try (issue 22, item 2).
:class:`GuardedHTTPServer` instead

* waits at most ``TIMEOUT`` seconds for headers, for a body and on an idle keep-alive;
* holds at most ``max_connections`` connections (below the descriptor limit, so kernels,
  the database and log files keep theirs); at the cap it closes the connection that has
  waited longest for its headers (a half-open or idle one), else refuses the new one
  with a bare 503;
* keeps one spare descriptor: out of descriptors, it frees the spare to accept and drop
  the waiting connection, pauses accepting briefly and logs one line a minute;
* reads ``X-Forwarded-For``/``X-Forwarded-Proto`` only from the configured trusted
  proxies (issue 22, items 1 and 13); anyone else's are ignored.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from tornado import httputil
from tornado.http1connection import HTTP1ServerConnection
from tornado.httpserver import HTTPServer, _HTTPRequestContext
from tornado.ioloop import IOLoop
from tornado.iostream import IOStream
from tornado.netutil import _DEFAULT_BACKLOG

log = logging.getLogger("chatdojo.webguard")

TIMEOUT = 30.0  # seconds for headers, a body, an idle keep-alive
FD_RESERVE_MIN = 192  # descriptors kept for kernels (ZeroMQ), the database, logs
PROXY_ENV = "CHATDOJO_TRUSTED_PROXIES"
_OUT_OF_FDS = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\n"
    b"Connection: close\r\n\r\n"
)


def raise_fd_limit() -> int:
    """Raise the soft ``RLIMIT_NOFILE`` to the hard limit; the limit now in force.

    ``resource`` exists on POSIX only: elsewhere nothing is changed and 8192 is assumed.
    """
    if sys.platform == "win32":
        return 8192
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as exc:
            log.warning("could not raise the open-file limit from %s: %s", soft, exc)
    return int(soft) if soft != resource.RLIM_INFINITY else 65536


def connection_cap(fd_limit: int) -> int:
    """Connections to hold at most, leaving room for kernels, the database and logs."""
    return max(64, fd_limit - max(FD_RESERVE_MIN, fd_limit // 8))


def parse_proxies(text: str) -> frozenset[str]:
    """``"127.0.0.1, ::1"`` as normalised addresses; ValueError naming a bad one."""
    found = set()
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        try:
            found.add(str(ipaddress.ip_address(part)))
        except ValueError:
            raise ValueError(
                f"trusted proxy {part[:60]!r} is not an IP address (e.g. 127.0.0.1)"
            ) from None
    return frozenset(found)


def _canonical(ip: str) -> str:
    try:
        return str(ipaddress.ip_address(ip))
    except ValueError:
        return ip


def forwarded_client(headers: httputil.HTTPHeaders, trusted: frozenset[str]) -> str | None:
    """The client a trusted proxy names: the last ``X-Forwarded-For`` hop not itself a proxy."""
    hops = [h.strip() for h in headers.get("X-Forwarded-For", "")[:2000].split(",")]
    for hop in reversed(hops):
        if not hop:
            continue
        try:
            ip = str(ipaddress.ip_address(hop))
        except ValueError:
            return None
        if ip not in trusted:
            return ip
    return None


class _Tracked(httputil.HTTPMessageDelegate):
    """Marks a connection busy once its headers arrived; applies a trusted proxy's headers."""

    def __init__(
        self,
        server: GuardedHTTPServer,
        server_conn: HTTP1ServerConnection,
        delegate: httputil.HTTPMessageDelegate,
        request_conn: Any,
    ) -> None:
        self.server, self.server_conn = server, server_conn
        self.delegate, self.connection = delegate, request_conn
        self._saved: tuple[str, str] | None = None

    def headers_received(self, start_line: Any, headers: httputil.HTTPHeaders) -> Any:
        self.server.waiting.pop(self.server_conn, None)
        context = getattr(self.connection, "context", None)
        if context is not None and _canonical(context.remote_ip) in self.server.trusted:
            self._saved = (context.remote_ip, context.protocol)
            client = forwarded_client(headers, self.server.trusted)
            if client:
                context.remote_ip = client
            proto = headers.get("X-Forwarded-Proto", "").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                context.protocol = proto
        return self.delegate.headers_received(start_line, headers)

    def data_received(self, chunk: bytes) -> Any:
        return self.delegate.data_received(chunk)

    def finish(self) -> None:
        try:
            self.delegate.finish()
        finally:
            self._restore()

    def on_connection_close(self) -> None:
        try:
            self.delegate.on_connection_close()
        finally:
            self._restore()

    def _restore(self) -> None:
        # The addresses are per request: the next one on this connection starts afresh.
        if self._saved is not None:
            context = self.connection.context
            context.remote_ip, context.protocol = self._saved
            self._saved = None


class GuardedHTTPServer(HTTPServer):
    """Tornado's HTTP server with the bounds above (see the module's docstring)."""

    def initialize(  # type: ignore[override]
        self,
        request_callback: Any,
        *,
        trusted_proxies: Iterable[str] = (),
        max_connections: int = 1000,
        timeout: float = TIMEOUT,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("xheaders", None)  # only trusted proxies' headers count (see _Tracked)
        super().initialize(
            request_callback,
            idle_connection_timeout=timeout,
            body_timeout=timeout,
            **kwargs,
        )
        self.trusted = frozenset(_canonical(p) for p in trusted_proxies)
        self.max_connections = max_connections
        self.open: set[HTTP1ServerConnection] = set()
        self.waiting: dict[HTTP1ServerConnection, float] = {}  # oldest first
        self.detached: list[IOStream] = []  # websockets (kernel channels)
        self.evicted = self.refused = self.dropped = 0
        self._spare: int | None = _open_spare()
        self._last_warning = 0.0

    # -- connections ----------------------------------------------------------------
    def handle_stream(self, stream: IOStream, address: tuple) -> None:
        context = _HTTPRequestContext(stream, address, self.protocol, None)
        conn = HTTP1ServerConnection(stream, self.conn_params, context)
        self._connections.add(conn)
        self.open.add(conn)
        self.waiting[conn] = time.monotonic()
        conn.start_serving(self)

    def start_request(self, server_conn: object, request_conn: Any) -> Any:
        # Called when the connection starts waiting for a request's headers.
        self.waiting[server_conn] = time.monotonic()  # type: ignore[index]
        delegate = super().start_request(server_conn, request_conn)
        return _Tracked(self, server_conn, delegate, request_conn)  # type: ignore[arg-type]

    def on_close(self, server_conn: object) -> None:
        self.open.discard(server_conn)  # type: ignore[arg-type]
        self.waiting.pop(server_conn, None)  # type: ignore[call-overload]
        stream = getattr(server_conn, "stream", None)
        if isinstance(stream, IOStream) and not stream.closed():
            self.detached.append(stream)  # a websocket took the stream over: still a descriptor
        super().on_close(server_conn)

    def held(self) -> int:
        """Connections holding a descriptor: HTTP ones and websockets (pruned when asked)."""
        if len(self.open) + len(self.detached) >= self.max_connections:
            self.detached = [s for s in self.detached if not s.closed()]
        return len(self.open) + len(self.detached)

    def _make_room(self) -> bool:
        """At the cap: close the connection waiting longest for headers; False if none."""
        if self.held() < self.max_connections:
            return True
        while self.waiting:
            conn = next(iter(self.waiting))
            del self.waiting[conn]
            if conn in self.open:
                self.open.discard(conn)
                conn.stream.close()
                self.evicted += 1
                return True
        return False

    # -- accepting ------------------------------------------------------------------
    def add_sockets(self, sockets: Iterable[socket.socket]) -> None:
        for sock in sockets:
            self._sockets[sock.fileno()] = sock
            self._handlers[sock.fileno()] = self._accept_on(sock)

    def _accept_on(self, sock: socket.socket) -> Callable[[], None]:
        loop = IOLoop.current()
        state = {"removed": False, "paused": False}

        def resume() -> None:
            if not state["removed"] and state["paused"]:
                state["paused"] = False
                loop.add_handler(sock, on_ready, IOLoop.READ)

        def pause(seconds: float) -> None:
            if not state["paused"]:
                state["paused"] = True
                loop.remove_handler(sock)
                loop.call_later(seconds, resume)

        def on_ready(_fd: Any, _events: int) -> None:
            for _ in range(_DEFAULT_BACKLOG):
                if state["removed"] or state["paused"]:
                    return
                try:
                    connection, address = sock.accept()
                except BlockingIOError:
                    return
                except ConnectionAbortedError:
                    continue
                except OSError as exc:
                    if exc.errno not in _OUT_OF_FDS:
                        raise
                    self._out_of_fds(sock)
                    pause(0.25)
                    return
                if not self._make_room():
                    self.refused += 1
                    _refuse(connection)
                    self._warn("connection cap %d reached: refusing", self.max_connections)
                    continue
                self._handle_connection(connection, address)

        def remove() -> None:
            state["removed"] = True
            if not state["paused"]:
                loop.remove_handler(sock)

        loop.add_handler(sock, on_ready, IOLoop.READ)
        return remove

    def _out_of_fds(self, sock: socket.socket) -> None:
        """No descriptor left: use the spare to take the waiting connection and drop it."""
        self.dropped += 1
        self._warn("out of file descriptors (limit reached): dropping new connections")
        if self._spare is None:
            return
        os.close(self._spare)
        self._spare = None
        try:
            connection, _address = sock.accept()
            _refuse(connection)
        except OSError:
            pass
        finally:
            self._spare = _open_spare()

    def _warn(self, message: str, *args: Any) -> None:
        now = time.monotonic()
        if now - self._last_warning >= 60:
            self._last_warning = now
            log.warning(
                message + " (so far: %d evicted, %d refused, %d dropped; next note in 60 s)",
                *args,
                self.evicted,
                self.refused,
                self.dropped,
            )

    def stop(self) -> None:
        super().stop()
        if self._spare is not None:
            os.close(self._spare)
            self._spare = None


def _open_spare() -> int | None:
    try:
        return os.open(os.devnull, os.O_RDONLY)
    except OSError:
        return None


def _refuse(connection: socket.socket) -> None:
    try:
        connection.setblocking(False)
        connection.send(_BUSY)
    except OSError:
        pass
    finally:
        connection.close()
