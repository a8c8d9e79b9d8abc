"""A tiny real HTTP server for tests (http.server in a thread) that records what it commits.

Every POST/PATCH/PUT/DELETE it receives is "committed" (appended to `committed`) before it
answers; GET is answered without committing. Answers are JSON:
`{"committed": n, "path": …, "body": …}`; `/chunked` answers with chunked framing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Commit:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class RecordingServer:
    host: str
    port: int
    committed: list[Commit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def commits(self) -> list[Commit]:
        with self.lock:
            return list(self.committed)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return  # quiet: pytest shows failures, not access logs

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _answer(self, status: int, document: dict[str, object]) -> None:
        data = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _commit(self) -> None:
        body = self._body()
        recorder = self.server.recorder
        with recorder.lock:
            recorder.committed.append(
                Commit(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
            )
            count = len(recorder.committed)
        self._answer(
            201, {"committed": count, "path": self.path, "body": body.decode(errors="replace")}
        )

    do_POST = do_PATCH = do_PUT = do_DELETE = _commit

    def do_GET(self) -> None:
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"hello ", b"chunked ", b"world"):
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        self._answer(200, {"committed": len(self.server.recorder.commits()), "path": self.path})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    recorder: RecordingServer


@contextmanager
def recording_server() -> Iterator[RecordingServer]:
    """Serve on a free loopback port until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.recorder = RecordingServer("127.0.0.1", server.server_address[1])
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="recording-server", daemon=True
    )
    thread.start()
    try:
        yield server.recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
