"""The Tryton JSON-RPC client's transport rules, against a loopback HTTP server that answers
what each test scripts (statuses and bodies a real trytond seldom gives: 408, 503, 429 with
Retry-After, a captive portal's HTML, a hang); what Tryton itself does is in tests/tryton."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from trayclock.sync.backend import (
    AuthError,
    ConflictError,
    RateLimited,
    RefusedError,
    SettingsError,
    TransientError,
)
from trayclock.sync.tryton_rpc import TrytonRPC, check_url
from trayclock.sync.tryton_wire import dumps, loads, raise_for_error

NOW = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
SECRET = "s3cret-pass"
LOGIN_OK = {"result": [7, "session-token", None]}
PREFERENCES = {"result": {"company": 1, "employee": 2, "language": "en"}}


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-encoded unless bytes
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # never answer (until the test ends)


class Script:
    """The replies to give, in order, and the requests seen."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[tuple[str, dict[str, str], dict[str, Any]]] = []
        self.release = threading.Event()

    def then(self, *replies: Reply) -> Script:
        self.replies.extend(replies)
        return self


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length) or b"{}")
            script.requests.append((self.path, dict(self.headers), payload))
            reply = script.replies.pop(0) if script.replies else Reply(500, {"error": "none"})
            if reply.hang:
                script.release.wait(10)
                return
            body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", script
    script.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def client(url: str, **kwargs: Any) -> TrytonRPC:
    return TrytonRPC(url, "db", "tech", SECRET, now=lambda: NOW, **kwargs)


def logged_in(url: str, script: Script) -> TrytonRPC:
    script.then(Reply(body=LOGIN_OK), Reply(body=PREFERENCES))
    rpc = client(url)
    rpc.login()
    return rpc


# --- pure rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000", "http://localhost:8000/", "http://[::1]:8000", "https://erp.example"],
)
def test_https_is_required_except_on_loopback(url: str) -> None:
    assert check_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://erp.example", "http://10.0.0.5:8000", "ftp://erp.example", "erp.example"]
)
def test_plain_http_to_another_host_is_refused(url: str) -> None:
    with pytest.raises(SettingsError):
        check_url(url)


def test_credentials_in_the_url_are_refused_without_repeating_them() -> None:
    with pytest.raises(SettingsError) as caught:
        check_url(f"https://tech:{SECRET}@erp.example")
    assert SECRET not in str(caught.value)


def test_tryton_encodings_round_trip() -> None:
    values = [
        date(2026, 11, 3),
        datetime(2026, 11, 3, 8, 30, 15, 250, tzinfo=UTC),
        time(9, 12, 5),
        timedelta(hours=1, seconds=7),
        Decimal("21.25"),
    ]
    wire = json.loads(dumps(values))
    assert [v["__class__"] for v in wire] == ["date", "datetime", "time", "timedelta", "Decimal"]
    assert loads(dumps(values)) == values


def test_an_aware_datetime_travels_as_utc() -> None:
    from zoneinfo import ZoneInfo

    berlin = datetime(2026, 11, 3, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert json.loads(dumps(berlin))["hour"] == 8
    with pytest.raises(ValueError, match="naive"):
        dumps(datetime(2026, 11, 3, 9, 0))


@pytest.mark.parametrize(
    ("error", "kind", "text"),
    [
        (["UserError", ["A line must have a work.", "Pick one.", None]], RefusedError, "Pick one"),
        (["UserWarning", ["name", "Really?", ""]], RefusedError, "Really?"),
        (["ConcurrencyException", "Records were modified"], ConflictError, "modified"),
        (["RateLimitException", []], RateLimited, "slow down"),
        (["LoginException", ["totp", "Code?", "char"]], AuthError, "Code?"),
        (["MissingDependenciesException", ["project"]], SettingsError, "project"),
        (["database is locked", "Traceback …"], TransientError, "database is locked"),
    ],
)
def test_tryton_error_kinds_map_onto_sync_errors(
    error: list[Any], kind: type[Exception], text: str
) -> None:
    with pytest.raises(kind, match=text) as caught:
        raise_for_error(error)
    assert type(caught.value) is kind


# --- the transport ------------------------------------------------------------------------


def test_login_sends_the_session_header_and_the_context_last(server: tuple[str, Script]) -> None:
    url, script = server
    rpc = logged_in(url, script)
    script.then(Reply(body={"result": [{"id": 5}]}))
    assert rpc.search_read("party.party", [["id", "=", 5]], ["id"]) == [{"id": 5}]
    path, headers, payload = script.requests[-1]
    assert path == "/db/rpc/"
    assert headers["Authorization"] == "Session dGVjaDo3OnNlc3Npb24tdG9rZW4="  # tech:7:session…
    assert payload["method"] == "model.party.party.search_read"
    assert payload["params"][-1] == PREFERENCES["result"]
    login = script.requests[0][2]
    assert login["method"] == "common.db.login"
    assert login["params"][:2] == ["tech", {"password": SECRET}]
    assert "Authorization" not in script.requests[0][1]


def test_a_refused_login_is_an_auth_error_without_the_password(server: tuple[str, Script]) -> None:
    url, script = server
    script.then(Reply(401, b"Unauthorized"))
    with pytest.raises(AuthError) as caught:
        client(url).login()
    assert type(caught.value) is AuthError and SECRET not in str(caught.value)
    assert len(script.requests) == 1  # a refused login is never retried: Tryton counts it


def test_a_401_on_a_call_logs_in_again_once(server: tuple[str, Script]) -> None:
    url, script = server
    rpc = logged_in(url, script)
    script.then(
        Reply(401, b""), Reply(body=LOGIN_OK), Reply(body=PREFERENCES), Reply(body={"result": 3})
    )
    assert rpc.call("model.x.y", []) == 3
    methods = [p["method"] for _, _, p in script.requests]
    assert methods[-4:] == [
        "model.x.y",
        "common.db.login",
        "model.res.user.get_preferences",
        "model.x.y",
    ]


def test_a_second_401_after_the_fresh_login_is_an_auth_error(server: tuple[str, Script]) -> None:
    url, script = server
    rpc = logged_in(url, script)
    script.then(Reply(403, b""), Reply(body=LOGIN_OK), Reply(body=PREFERENCES), Reply(401, b""))
    with pytest.raises(AuthError):
        rpc.call("model.x.y", [])
    assert len(script.requests) == 6  # no third try


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (Reply(408, b"timeout"), TransientError),
        (Reply(500, b"boom"), TransientError),
        (Reply(502, b""), TransientError),
        (Reply(503, b"", {"Retry-After": "30"}), RateLimited),  # the one HTTP rule: a pause
        (Reply(200, b"<html>captive portal</html>"), TransientError),
        (Reply(404, b"Not Found"), SettingsError),
        (Reply(400, b"Bad Request"), RefusedError),
        (Reply(200, {"id": 1, "error": ["UserError", ["No.", "", None]]}), RefusedError),
    ],
)
def test_statuses_and_bodies_map_onto_sync_errors(
    server: tuple[str, Script], reply: Reply, kind: type[Exception]
) -> None:
    url, script = server
    rpc = logged_in(url, script)
    script.then(reply)
    with pytest.raises(kind) as caught:
        rpc.call("model.x.y", [])
    assert type(caught.value) is kind


@pytest.mark.parametrize(
    ("headers", "after"),
    [({"Retry-After": "42"}, 42.0), ({"Retry-After": "Tue, 03 Nov 2026 12:10:00 GMT"}, 600.0),
     ({}, None)],
)  # fmt: skip
def test_429_pauses_for_retry_after(
    server: tuple[str, Script], headers: dict[str, str], after: float | None
) -> None:
    url, script = server
    rpc = logged_in(url, script)
    script.then(Reply(429, b"Too Many Requests", headers))
    with pytest.raises(RateLimited) as caught:
        rpc.call("model.x.y", [])
    assert caught.value.retry_after == after


def test_a_500_response_object_is_not_mistaken_for_no_response(server: tuple[str, Script]) -> None:
    # requests' Response is falsy for 4xx/5xx: `if response:` would drop the status.
    url, script = server
    rpc = logged_in(url, script)
    script.then(Reply(500, b"boom"))
    with pytest.raises(TransientError, match="HTTP 500"):
        rpc.call("model.x.y", [])


def test_a_server_slower_than_the_timeout_is_transient(server: tuple[str, Script]) -> None:
    url, script = server
    script.then(Reply(body=LOGIN_OK), Reply(body=PREFERENCES))
    rpc = client(url, timeout_s=0.2)
    rpc.login()
    script.then(Reply(hang=True))
    with pytest.raises(TransientError, match=r"did not answer within 0\.2 s"):
        rpc.call("model.x.y", [])


def test_nobody_listening_is_transient() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(TransientError, match="could not reach"):
        client(f"http://127.0.0.1:{port}").login()


def test_the_client_never_shows_its_secret(server: tuple[str, Script]) -> None:
    url, script = server
    rpc = logged_in(url, script)
    assert SECRET not in repr(rpc) and "session-token" not in repr(rpc)
