"""The fault proxy itself, in front of a real local HTTP server: each fault does what it says."""

from __future__ import annotations

import time

import pytest
import requests

from tests.sync.fault_proxy import (
    PASS,
    FaultProxy,
    lost_after_commit,
    rate_limited,
    reset,
    slow,
    status,
)
from tests.sync.recording_server import RecordingServer

CLIENT_TIMEOUT_S = 10.0  # a passing request on a loaded machine must never time out
SHORT_TIMEOUT_S = 0.5  # for the requests meant to time out
SLOW_DELAY_S = 30.0  # far beyond the client's timeout; stop() ends it early


def post(
    proxy: FaultProxy,
    body: bytes,
    session: requests.Session | None = None,
    timeout_s: float = CLIENT_TIMEOUT_S,
) -> requests.Response:
    sender = session or requests
    return sender.post(f"{proxy.url}/rpc", data=body, timeout=timeout_s)


def test_pass_forwards_the_exact_request_and_answer(
    proxy: FaultProxy, server: RecordingServer
) -> None:
    body = b'{"method": "model.timesheet.line.create", "params": [[{"x": 1}]]}'
    answer = post(proxy, body, requests.Session())
    assert answer.status_code == 201
    assert answer.json() == {"committed": 1, "path": "/rpc", "body": body.decode()}
    (commit,) = server.commits()
    assert (commit.method, commit.path, commit.body) == ("POST", "/rpc", body)
    assert commit.headers["content-length"] == str(len(body))
    (exchange,) = proxy.history()
    assert (exchange.fault, exchange.upstream_status, exchange.request.body) == ("pass", 201, body)


def test_one_session_sends_many_requests_through_it(
    proxy: FaultProxy, server: RecordingServer
) -> None:
    session = requests.Session()
    statuses = [post(proxy, f"n={n}".encode(), session).status_code for n in range(5)]
    assert statuses == [201] * 5
    assert [c.body for c in server.commits()] == [f"n={n}".encode() for n in range(5)]


def test_chunked_answers_pass_whole(proxy: FaultProxy) -> None:
    answer = requests.get(f"{proxy.url}/chunked", timeout=CLIENT_TIMEOUT_S)
    assert answer.text == "hello chunked world"


def test_reset_reaches_no_server(proxy: FaultProxy, server: RecordingServer) -> None:
    proxy.script(reset())
    with pytest.raises(requests.ConnectionError):
        post(proxy, b"first")
    assert server.commits() == []
    assert post(proxy, b"second").status_code == 201  # the script is used up: pass
    assert [c.body for c in server.commits()] == [b"second"]
    assert [e.fault for e in proxy.history()] == ["reset", "pass"]


@pytest.mark.parametrize("code", [500, 503])
def test_server_errors_answer_without_forwarding(
    proxy: FaultProxy, server: RecordingServer, code: int
) -> None:
    proxy.script(status(code, body=b'{"message": "down"}'))
    answer = post(proxy, b"x")
    assert answer.status_code == code
    assert answer.json() == {"message": "down"}
    assert server.commits() == []


@pytest.mark.parametrize("retry_after", ["7", "Wed, 21 Oct 2026 07:28:00 GMT", None])
def test_rate_limited_with_and_without_retry_after(
    proxy: FaultProxy, server: RecordingServer, retry_after: str | None
) -> None:
    proxy.script(rate_limited(retry_after))
    answer = post(proxy, b"x")
    assert answer.status_code == 429
    assert answer.headers.get("Retry-After") == retry_after
    assert server.commits() == []


def test_lost_after_commit_reaches_the_server_but_not_the_client(
    proxy: FaultProxy, server: RecordingServer
) -> None:
    proxy.script(lost_after_commit())
    with pytest.raises(requests.ConnectionError):
        post(proxy, b"committed")
    assert [c.body for c in server.commits()] == [b"committed"]
    (exchange,) = proxy.history()
    assert (exchange.fault, exchange.upstream_status) == ("lost", 201)


def test_slow_answer_outlasts_the_client_timeout_after_the_server_committed(
    proxy: FaultProxy, server: RecordingServer
) -> None:
    proxy.script(slow(SLOW_DELAY_S))
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        post(proxy, b"slow", timeout_s=SHORT_TIMEOUT_S)
    assert time.monotonic() - started < SLOW_DELAY_S
    assert [c.body for c in server.commits()] == [b"slow"]


def test_slow_without_forwarding_never_reaches_the_server(
    proxy: FaultProxy, server: RecordingServer
) -> None:
    proxy.script(slow(SLOW_DELAY_S, forward=False))
    with pytest.raises(requests.exceptions.ReadTimeout):
        post(proxy, b"held", timeout_s=SHORT_TIMEOUT_S)
    assert server.commits() == []


def test_a_matching_fault_waits_for_its_request(proxy: FaultProxy, server: RecordingServer) -> None:
    proxy.script(status(500).when(lambda request: b"two" in request.body), PASS)
    codes = [post(proxy, body).status_code for body in (b"one", b"two", b"three")]
    assert codes == [201, 500, 201]
    assert [c.body for c in server.commits()] == [b"one", b"three"]
    assert proxy.pending() == []


def test_stop_ends_a_held_answer_at_once(server: RecordingServer) -> None:
    proxy = FaultProxy(server.host, server.port).start()
    proxy.script(slow(SLOW_DELAY_S))
    with pytest.raises(requests.exceptions.ReadTimeout):
        post(proxy, b"x", timeout_s=SHORT_TIMEOUT_S)
    started = time.monotonic()
    proxy.stop()
    assert time.monotonic() - started < SLOW_DELAY_S / 2
    with pytest.raises(requests.ConnectionError):
        post(proxy, b"after stop")
