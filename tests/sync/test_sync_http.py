"""sync/http.py: URL rules, the answer → error mapping, the client's request hygiene, and what a
real socket does to it (through the fault proxy in front of a real local server)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import responses
from requests.structures import CaseInsensitiveDict

from tests.sync.fault_proxy import FaultProxy, lost_after_commit, rate_limited, reset, slow, status
from tests.sync.recording_server import RecordingServer
from tests.sync.samples import KIMAI_OVERLAP
from trayclock.domain.clock import ManualClock
from trayclock.sync import http
from trayclock.sync.backend import AuthError, RateLimited, RefusedError, TransientError
from trayclock.sync.http import (
    Answer,
    BearerAuth,
    HttpClient,
    InsecureUrl,
    Timeouts,
    raise_for_answer,
    require_safe_url,
    retry_after_seconds,
    server_message,
)
from trayclock.sync.secrets import Secret

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOKEN = "tok-9f8e7d6c5b4a"


def answer(status: int, body: object = b"", **headers: str) -> Answer:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Answer(
        "POST",
        "https://kimai.example.com/api/timesheets",
        status,
        CaseInsensitiveDict(headers),
        data,
    )


# -- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://kimai.example.com",
        "https://kimai.example.com/sub/path/",
        "http://127.0.0.1:8000",
        "http://127.10.20.30/x",
        "http://[::1]:8000/db",
        "http://localhost:8080",
        "http://LOCALHOST./",
    ],
)
def test_https_or_loopback_is_accepted_as_given(url: str) -> None:
    assert require_safe_url(url) == url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://kimai.example.com", "plain HTTP"),
        ("http://localhost.example.com", "plain HTTP"),
        ("http://127.0.0.1.nip.io", "plain HTTP"),
        ("http://0.0.0.0:8000", "plain HTTP"),
        ("http://10.0.0.5", "plain HTTP"),
        ("ftp://files.example.com", "not an http"),
        ("kimai.example.com", "not an http"),
        ("https://", "not an http"),
    ],
)
def test_unsafe_urls_are_refused_with_the_reason(url: str, why: str) -> None:
    with pytest.raises(InsecureUrl, match=why):
        require_safe_url(url)


def test_credentials_in_the_url_are_refused_without_repeating_them() -> None:
    with pytest.raises(InsecureUrl, match="keyring") as caught:
        require_safe_url("https://admin:hunter2@erp.example.com")
    assert "hunter2" not in str(caught.value)


def test_redacted_urls_drop_credentials_query_and_fragment() -> None:
    shown = http.redact_url("https://u:p@hooks.example.com:8443/in/x?token=abc#frag")
    assert shown == "https://hooks.example.com:8443/in/x"


# -- Retry-After -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        ((NOW + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT"), 90.0),
        ((NOW - timedelta(hours=1)).strftime("%a, %d %b %Y %H:%M:%S GMT"), 0.0),
        ("99999999", http.MAX_RETRY_AFTER_S),
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_as_seconds_or_http_date(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


# -- the mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (200, None),
        (201, None),
        (204, None),
        (408, TransientError),
        (500, TransientError),
        (502, TransientError),
        (503, TransientError),
        (504, TransientError),
        (429, RateLimited),
        (401, AuthError),
        (403, AuthError),
        (400, RefusedError),
        (404, RefusedError),
        (409, RefusedError),
        (422, RefusedError),
        (402, RefusedError),
        (301, RefusedError),
    ],
)
def test_each_status_maps_to_what_the_worker_does(status: int, error: type | None) -> None:
    if error is None:
        raise_for_answer(answer(status), NOW)
        return
    with pytest.raises(error) as caught:
        raise_for_answer(answer(status), NOW)
    assert type(caught.value) is error  # exactly: a RateLimited is no plain TransientError
    assert f"HTTP {status}" in str(caught.value)


def test_a_500_with_a_body_is_transient_not_dropped() -> None:
    # aw-client#10: `if e.response:` is False for a 500 Response, so 500s were lost.
    with pytest.raises(TransientError, match="database is locked"):
        raise_for_answer(answer(500, {"message": "database is locked"}), NOW)


def test_429_pauses_for_retry_after_or_lets_the_backoff_decide() -> None:
    with pytest.raises(RateLimited) as timed:
        raise_for_answer(answer(429, **{"Retry-After": "120"}), NOW)
    assert timed.value.retry_after == 120.0
    with pytest.raises(RateLimited) as untimed:
        raise_for_answer(answer(429), NOW)
    assert untimed.value.retry_after is None


def test_503_with_retry_after_is_a_timed_pause() -> None:
    with pytest.raises(RateLimited) as caught:
        raise_for_answer(answer(503, **{"Retry-After": "300"}), NOW)
    assert caught.value.retry_after == 300.0


def test_402_with_quota_headers_is_rate_limiting() -> None:
    quota = {"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "1800"}
    with pytest.raises(RateLimited, match="quota") as caught:
        raise_for_answer(answer(402, {"message": "quota exceeded"}, **quota), NOW)
    assert caught.value.retry_after == 1800.0


def test_403_is_a_refusal_where_the_server_says_so() -> None:
    with pytest.raises(RefusedError, match="permission denied"):
        raise_for_answer(answer(403, {"message": "Forbidden"}), NOW, forbidden_is_refusal=True)


def test_accepted_statuses_are_left_to_the_caller() -> None:
    raise_for_answer(answer(404, {"message": "Not Found"}), NOW, accept=(404,))


def test_a_redirect_names_where_to_instead_of_following() -> None:
    moved = answer(301, b"", Location="https://new.example.com/api/timesheets?x=secret")
    with pytest.raises(
        RefusedError, match=r"redirected to https://new\.example\.com/api/timesheets;"
    ):
        raise_for_answer(moved, NOW)


# -- the server's own words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "said"),
    [
        (
            KIMAI_OVERLAP,
            "application/json",
            "Validation Failed; begin: You already have an entry for this time.",
        ),
        ({"code": 404, "message": "Not Found"}, "application/json", "Not Found"),
        ({"error": {"message": "bad project"}}, "application/json", "bad project"),
        (
            {"title": "Invalid", "detail": "end before begin"},
            "application/problem+json",
            "Invalid; end before begin",
        ),
        ({"errors": [{"message": "a"}, "b"]}, "application/json", "a; b"),
        ({"errors": {"name": ["can't be blank"]}}, "application/json", "name: can't be blank"),
        (b"database is locked\nmore", "text/plain", "database is locked"),
        (b"<html><body>Bad gateway</body></html>", "text/html", "HTTP 400"),
        (b"", "", "HTTP 400"),
    ],
)
def test_server_message_reads_json_error_bodies(body: object, content_type: str, said: str) -> None:
    got = answer(400, body, **({"Content-Type": content_type} if content_type else {}))
    assert server_message(got) == said


def test_server_message_is_bounded_and_survives_hostile_json() -> None:
    long = answer(400, {"message": "x" * 10_000}, **{"Content-Type": "application/json"})
    assert len(server_message(long)) <= http.MAX_MESSAGE_CHARS
    deep = answer(400, b"[" * 100_000 + b"]" * 100_000, **{"Content-Type": "application/json"})
    assert server_message(deep) == "HTTP 400"
    many = answer(400, {"errors": [f"e{i}" for i in range(100_000)]})
    assert len(server_message(many)) <= http.MAX_MESSAGE_CHARS


def test_a_secret_echoed_by_the_server_is_hidden() -> None:
    echoed = answer(401, {"message": f"Invalid token {TOKEN}"})
    with pytest.raises(AuthError) as caught:
        raise_for_answer(echoed, NOW, secrets=(Secret(TOKEN),))
    assert TOKEN not in str(caught.value) and "<hidden>" in str(caught.value)


# -- the client's request hygiene (responses) --------------------------------------------------


@pytest.fixture
def client() -> Iterator[HttpClient]:
    made = HttpClient(
        "https://kimai.example.com",
        clock=ManualClock(NOW),
        auth=BearerAuth(Secret(TOKEN)),
        secrets=(Secret(TOKEN),),
    )
    yield made
    made.close()


@responses.activate
def test_every_request_has_timeouts_and_checks_certificates(
    client: HttpClient,
) -> None:
    responses.get("https://kimai.example.com/api/version", json={"version": "2.30.0"})
    responses.post("https://kimai.example.com/api/timesheets", json={"id": 1})
    client.request("GET", "api/version")
    client.request("POST", "/api/timesheets", json_body={"a": 1})
    for call in responses.calls:
        kwargs = call.request.req_kwargs
        assert kwargs["timeout"] == (http.CONNECT_TIMEOUT_S, http.READ_TIMEOUT_S)
        assert kwargs["verify"] is True or Path(kwargs["verify"]).is_file()  # never False
        assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert call.request.headers["User-Agent"].startswith("trayclock/")
    assert responses.calls[1].request.body == b'{"a":1}'
    assert responses.calls[1].request.headers["Content-Type"] == "application/json"


@responses.activate
def test_a_redirect_is_not_followed(client: HttpClient) -> None:
    responses.post(
        "https://kimai.example.com/api/timesheets",
        status=302,
        headers={"Location": "http://kimai.example.com/login"},
    )
    responses.get("http://kimai.example.com/login", body="login page")
    with pytest.raises(RefusedError, match=r"redirected to http://kimai\.example\.com/login"):
        client.request("POST", "api/timesheets", json_body={"a": 1})
    assert len(responses.calls) == 1  # neither turned into a GET nor sent over plain HTTP


@responses.activate
def test_netrc_never_replaces_our_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine hooks.example.com login someone password netrc-password\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HOME", str(tmp_path))
    responses.post("https://hooks.example.com/in", status=204)
    plain = HttpClient("https://hooks.example.com/in", clock=ManualClock(NOW))
    plain.request("POST", "", body=b"{}")
    assert "Authorization" not in responses.calls[0].request.headers
    assert responses.calls[0].request.url == "https://hooks.example.com/in"  # exactly as given


@responses.activate
def test_a_private_ca_bundle_is_used_verification_stays_on(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    responses.get("https://kimai.example.com/api/ping", json={"message": "pong"})
    HttpClient("https://kimai.example.com", clock=ManualClock(NOW), ca_bundle=str(bundle)).request(
        "GET", "api/ping"
    )
    assert responses.calls[0].request.req_kwargs["verify"] == str(bundle)


@responses.activate
def test_an_answer_larger_than_the_limit_is_not_read_whole(
    client: HttpClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http, "MAX_ANSWER_BYTES", 100_000)
    responses.get("https://kimai.example.com/api/timesheets", body=b"x" * 300_000)
    with pytest.raises(TransientError, match="larger than 100000 bytes"):
        client.request("GET", "api/timesheets")


def test_the_client_and_its_auth_never_show_the_token(client: HttpClient) -> None:
    for shown in (repr(client), repr(BearerAuth(Secret(TOKEN))), str(vars(client))):
        assert TOKEN not in shown


def test_a_non_json_answer_is_a_clear_refusal() -> None:
    with pytest.raises(RefusedError, match="not JSON"):
        answer(200, b"<html>login</html>").json()


# -- real sockets through the fault proxy ----------------------------------------------------


def through(proxy: FaultProxy) -> HttpClient:
    return HttpClient(
        proxy.url + "/hook?token=query-secret",
        clock=ManualClock(NOW),
        timeouts=Timeouts(connect_s=5.0, read_s=2.0),  # the slow fault waits 30 s
    )


@pytest.mark.integration
def test_faults_on_the_wire_map_to_sync_errors(proxy: FaultProxy, server: RecordingServer) -> None:
    proxy.script(
        reset(),
        status(503),
        rate_limited("7"),
        rate_limited(None),
        lost_after_commit(),
        slow(30.0),
        status(500, body=b'{"message": "boom"}'),
    )
    client = through(proxy)
    outcomes: list[tuple[type, str]] = []
    for _ in range(7):
        with pytest.raises(TransientError) as caught:
            client.request("POST", "", body=b"{}")
        assert "query-secret" not in str(caught.value)
        outcomes.append((type(caught.value), str(caught.value)))
    kinds = [kind for kind, _ in outcomes]
    assert kinds == [
        TransientError,
        TransientError,
        RateLimited,
        RateLimited,
        TransientError,
        TransientError,
        TransientError,
    ]
    assert "connection reset" in outcomes[0][1]
    assert "HTTP 503" in outcomes[1][1]
    assert "closed before a complete answer" in outcomes[4][1] or "reset" in outcomes[4][1]
    assert "timed out" in outcomes[5][1]
    assert "boom" in outcomes[6][1]
    # The lost and the slow request reached the server; the others did not.
    assert len(server.commits()) == 2
    assert client.request("POST", "", body=b"{}").status == 201  # script used up: passes


@pytest.mark.integration
def test_rate_limit_pause_comes_from_the_wire(proxy: FaultProxy) -> None:
    proxy.script(rate_limited("7"))
    with pytest.raises(RateLimited) as caught:
        through(proxy).request("POST", "", body=b"{}")
    assert caught.value.retry_after == 7.0


def test_nothing_listening_is_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below: nothing listens there
    client = HttpClient(f"http://127.0.0.1:{port}", clock=ManualClock(NOW))
    with pytest.raises(TransientError, match="connection refused"):
        client.request("GET", "api/ping")


def test_requests_own_exception_text_is_not_used() -> None:
    # requests quotes the full URL (query and all) in its messages; ours never does.
    error = requests.exceptions.ConnectionError("HTTPSConnectionPool(...): url: /x?token=abc")
    assert "abc" not in http._connection_failure(error)
