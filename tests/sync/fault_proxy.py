"""A fault-injecting HTTP proxy for tests: a real TCP proxy on a free loopback port.

Put it in front of any HTTP/1.1 server (a live Tryton, a tiny http.server) and script what
happens to each request, in order:

    with FaultProxy("127.0.0.1", server_port) as proxy:
        proxy.script(reset(), status(503), rate_limited("7"), lost_after_commit(),
                     slow(5.0), PASS)
        client = SomeClient(proxy.url)   # requests go through the proxy

- `PASS` forwards and answers (the default once the script is used up);
- `reset()` reads the request and answers with a TCP reset (nothing reaches the server);
- `status(500)`, `status(503, headers=…)`, `rate_limited(None | "120" | http-date)`
  answer by themselves (nothing reaches the server);
- `lost_after_commit()` forwards, lets the server answer (it committed), then resets the
  client's connection: the response is lost;
- `slow(delay_s)` forwards and holds the answer back `delay_s` seconds (longer than the
  client's timeout); `slow(delay_s, forward=False)` never lets the request through.

A fault may carry `match=lambda request: …` (method, path, headers, body): it then waits
in the script for the first request it matches, so a JSON-RPC method can be picked out.
`history()` lists what happened to every request. Each client connection carries one
request (answers get `Connection: close`), so "per request" is exact.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import BinaryIO

MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024
IO_TIMEOUT_S = 30.0  # a stuck peer fails the exchange, never the test run
STOP_DEADLINE_S = 5.0


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes


@dataclass(frozen=True)
class Fault:
    kind: str  # pass | reset | status | lost | slow
    status: int = 0
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    delay_s: float = 0.0
    forward: bool = True
    match: Callable[[Request], bool] | None = None

    def when(self, match: Callable[[Request], bool]) -> Fault:
        """This fault, for the first request `match` accepts."""
        return replace(self, match=match)


PASS = Fault("pass")


def reset() -> Fault:
    return Fault("reset")


def status(code: int, headers: tuple[tuple[str, str], ...] = (), body: bytes = b"") -> Fault:
    return Fault("status", status=code, headers=headers, body=body)


def rate_limited(retry_after: str | None) -> Fault:
    headers = () if retry_after is None else (("Retry-After", retry_after),)
    return status(429, headers, b'{"message": "Too Many Requests"}')


def lost_after_commit() -> Fault:
    return Fault("lost")


def slow(delay_s: float, *, forward: bool = True) -> Fault:
    return Fault("slow", delay_s=delay_s, forward=forward)


@dataclass(frozen=True)
class Exchange:
    """What the proxy did with one request: the fault applied and, if it was forwarded,
    the status the server answered (None: not forwarded)."""

    request: Request
    fault: str
    upstream_status: int | None = None


@dataclass
class _State:
    script: list[Fault] = field(default_factory=list)
    history: list[Exchange] = field(default_factory=list)


class FaultProxy:
    """See the module docstring. Start with `with`, or start()/stop()."""

    def __init__(self, upstream_host: str, upstream_port: int, *, host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server((host, 0))
        self.host = host
        self.port = self._listener.getsockname()[1]
        self.default = PASS
        self._state = _State()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._acceptor = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> FaultProxy:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # also ends every slow() wait
        _close(self._listener)  # shutdown first: a thread blocked in accept() wakes up
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _close(sock)
        self._acceptor.join(STOP_DEADLINE_S)
        for thread in list(self._threads):
            thread.join(STOP_DEADLINE_S)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def script(self, *faults: Fault) -> None:
        """Queue faults for the coming requests (after any still queued)."""
        with self._lock:
            self._state.script.extend(faults)

    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._state.script)

    def history(self) -> list[Exchange]:
        with self._lock:
            return list(self._state.history)

    # -- inside ----------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._stopping.is_set():
                _close(client)
                return
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            with self._lock:
                self._sockets.add(client)
                self._threads = [t for t in self._threads if t.is_alive()]
                self._threads.append(thread)
            thread.start()

    def _next_fault(self, request: Request) -> Fault:
        with self._lock:
            for index, fault in enumerate(self._state.script):
                if fault.match is None or fault.match(request):
                    return self._state.script.pop(index)
            return self.default

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self._state.history.append(exchange)

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(IO_TIMEOUT_S)
        try:
            with client.makefile("rb") as reader:  # closed before a reset: it holds the fd
                head, body = _read_message(reader, response_to=None)
            if head is None:
                return
            request = _parse_request(head, body)
            fault = self._next_fault(request)
            if fault.kind == "reset":
                self._record(Exchange(request, "reset"))
                _reset(client)
            elif fault.kind == "status":
                self._record(Exchange(request, f"status {fault.status}"))
                client.sendall(_answer(fault))
            elif fault.kind == "slow" and not fault.forward:
                self._record(Exchange(request, "slow, not forwarded"))
                self._stopping.wait(fault.delay_s)
            else:
                answer, upstream_status = self._forward(head, body, request.method)
                self._record(Exchange(request, fault.kind, upstream_status))
                if fault.kind == "lost":
                    _reset(client)
                    return
                if fault.kind == "slow" and self._stopping.wait(fault.delay_s):
                    return
                client.sendall(answer)
        except OSError:
            pass  # the client went away (it timed out, or the proxy stops)
        finally:
            with self._lock:
                self._sockets.discard(client)
            _close(client)

    def _forward(self, head: bytes, body: bytes, method: str) -> tuple[bytes, int]:
        """Send the request upstream on a connection of its own; the whole answer back
        (re-framed with `Connection: close`) and its status."""
        with socket.create_connection(self.upstream, timeout=IO_TIMEOUT_S) as upstream:
            upstream.sendall(_with_connection_close(head) + body)
            with upstream.makefile("rb") as reader:
                answer_head, answer_body = _read_message(reader, response_to=method)
        if answer_head is None:
            raise OSError("the server closed without answering")
        code = int(answer_head.split(b" ", 2)[1])
        return _with_connection_close(answer_head) + answer_body, code


def _read_message(reader: BinaryIO, response_to: str | None) -> tuple[bytes | None, bytes]:
    """One HTTP/1.1 message: its head (start line and headers, ending in a blank line)
    and its body in the framing it came in (Content-Length, chunked, or to the close)."""
    read_line, read = reader.readline, reader.read
    lines: list[bytes] = []
    size = 0
    while True:
        line = read_line(MAX_HEADER_BYTES + 1)
        if not line:
            return (None, b"") if not lines else (b"".join(lines), b"")
        size += len(line)
        if size > MAX_HEADER_BYTES:
            raise OSError("header too large")
        if not lines and line in (b"\r\n", b"\n"):
            continue  # stray blank line before a request
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            break
    head = b"".join(lines)
    headers = _headers(head)
    if response_to is not None:
        code = int(head.split(b" ", 2)[1])
        if response_to == "HEAD" or code in (204, 304) or 100 <= code < 200:
            return head, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return head, _read_chunked(read_line, read)
    if "content-length" in headers:
        length = int(headers["content-length"])
        if length > MAX_BODY_BYTES:
            raise OSError("body too large")
        return head, read(length)
    if response_to is None:
        return head, b""  # a request without a length has no body
    return head, read(MAX_BODY_BYTES)  # an answer without a length ends at the close


def _read_chunked(read_line: Callable[[int], bytes], read: Callable[[int], bytes]) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        size_line = read_line(1024)
        parts.append(size_line)
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        total += size
        if total > MAX_BODY_BYTES:
            raise OSError("body too large")
        if size == 0:
            while True:  # trailers, then the blank line
                trailer = read_line(MAX_HEADER_BYTES)
                parts.append(trailer)
                if trailer in (b"\r\n", b"\n", b""):
                    return b"".join(parts)
        parts.append(read(size + 2))


def _headers(head: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return headers


def _parse_request(head: bytes, body: bytes) -> Request:
    start = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
    method, path = ([*start, "", ""])[:2]
    return Request(method, path, _headers(head), _dechunk(body) if _is_chunked(head) else body)


def _is_chunked(head: bytes) -> bool:
    return "chunked" in _headers(head).get("transfer-encoding", "").lower()


def _dechunk(raw: bytes) -> bytes:
    out, rest = [], raw
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2 :]
    return b"".join(out)


def _with_connection_close(head: bytes) -> bytes:
    lines = head.split(b"\r\n")
    kept = [
        line
        for line in lines[1:]
        if line and line.split(b":", 1)[0].strip().lower() not in (b"connection", b"keep-alive")
    ]
    return b"\r\n".join([lines[0], *kept, b"Connection: close", b"", b""])


def _answer(fault: Fault) -> bytes:
    reason = {
        429: "Too Many Requests",
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
    }.get(fault.status, "Fault")
    lines = [f"HTTP/1.1 {fault.status} {reason}"]
    names = {name.lower() for name, _ in fault.headers}
    if "content-type" not in names:
        lines.append("Content-Type: application/json")
    lines += [f"{name}: {value}" for name, value in fault.headers]
    lines += [f"Content-Length: {len(fault.body)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + fault.body


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset (RST) instead of an orderly close."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


def _close(sock: socket.socket) -> None:
    """Shut down (wakes a thread blocked reading it), then close."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
