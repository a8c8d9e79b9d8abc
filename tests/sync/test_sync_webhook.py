"""The webhook adapter against its own published contract (docs/webhook.md): the exact body
and headers, a signature that the page's own receiver code verifies, tombstones, ordering,
and what each answer makes trayclock do."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import responses

from tests.sync.samples import ENTRY_UUID as UUID
from tests.sync.samples import sample_line
from trayclock.domain.clock import ManualClock
from trayclock.sync.backend import (
    AuthError,
    LineValues,
    Partner,
    RateLimited,
    RefusedError,
    RemoteLine,
    TransientError,
)
from trayclock.sync.http import InsecureUrl
from trayclock.sync.secrets import Secret
from trayclock.sync.webhook import (
    WebhookBackend,
    WebhookConfig,
    encode,
    upsert_document,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "webhook.md"
URL = "https://billing.example.com/hooks/trayclock?tenant=7"
SECRET = "whsec-3b8f1e0d9c7a"
NOW = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def documented_code() -> SimpleNamespace:
    """The receiver code of docs/webhook.md, run as published."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Verifying a request in Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(code, str(DOC), "exec"), namespace)
    return SimpleNamespace(**namespace)


def documented_example(event: str) -> dict[str, Any]:
    text = DOC.read_text(encoding="utf-8")
    for block in re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL):
        document = json.loads(block)
        if document.get("event") == event:
            return document
    raise AssertionError(f"no {event} example in {DOC}")


def entry(**changes: Any) -> LineValues:
    """The documented example: 18:30–20:00 Berlin time, partly after hours."""
    documented = {
        "customer_ref": "acme",
        "start": datetime(2026, 3, 2, 17, 30, tzinfo=UTC),
        "end": datetime(2026, 3, 2, 19, 0, tzinfo=UTC),
        "amount": Decimal("157.50"),
        "explanation": ("after hours from 19:00: ×1.5",),
    }
    return sample_line(**{**documented, **changes})


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def webhook(clock: ManualClock) -> WebhookBackend:
    return WebhookBackend(WebhookConfig(URL), Secret(SECRET), clock=clock)


def sent(index: int = -1) -> Any:
    return responses.calls[index].request


def test_the_documented_example_is_what_is_sent() -> None:
    assert upsert_document(entry()) == documented_example("entry.upserted")


@responses.activate
def test_an_upsert_is_the_exact_signed_body_with_its_idempotency_key(
    webhook: WebhookBackend,
) -> None:
    responses.post(URL, status=204)
    line = webhook.update(webhook.find(UUID), entry())  # type: ignore[arg-type]
    request = sent()
    assert request.url == URL  # exactly as configured, query included
    assert request.body == encode(upsert_document(entry()))
    assert (
        request.body
        == json.dumps(
            json.loads(request.body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    )
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert request.headers["Idempotency-Key"] == f"{UUID}:3"
    assert request.headers["X-Trayclock-Event"] == "entry.upserted"
    stamp = int(NOW.timestamp())
    mac = hmac.new(SECRET.encode(), f"{stamp}.".encode() + request.body, hashlib.sha256)
    assert request.headers["X-Trayclock-Signature"] == f"t={stamp},v1={mac.hexdigest()}"
    assert (line.remote_id, line.entry_uuid, line.version) == (UUID, UUID, "3")
    assert SECRET not in request.body.decode() and SECRET not in str(request.headers)


@responses.activate
def test_the_documented_receiver_verifies_it_and_refuses_tampering_and_replays(
    webhook: WebhookBackend,
) -> None:
    receiver = documented_code()
    responses.post(URL, status=200)
    webhook.create([entry()])
    request = sent()
    stamp = NOW.timestamp()
    event = receiver.verify(request.headers, request.body, SECRET, now=stamp + 5)
    assert event["entry"]["uuid"] == UUID and event["price"]["amount"] == "157.50"
    with pytest.raises(receiver.BadSignature, match="replay"):
        receiver.verify(request.headers, request.body, SECRET, now=stamp + 301)
    with pytest.raises(receiver.BadSignature, match="does not match"):
        receiver.verify(
            request.headers, request.body.replace(b"157.50", b"1157.50"), SECRET, now=stamp
        )
    with pytest.raises(receiver.BadSignature, match="does not match"):
        receiver.verify(request.headers, request.body, "another-secret", now=stamp)
    with pytest.raises(receiver.BadSignature, match="missing"):
        receiver.verify({}, request.body, SECRET, now=stamp)


@responses.activate
def test_a_retry_sends_the_same_body_and_key_signed_anew(
    webhook: WebhookBackend, clock: ManualClock
) -> None:
    responses.post(URL, status=503)
    responses.post(URL, status=202)
    with pytest.raises(TransientError):
        webhook.create([entry()])
    clock.advance(timedelta(minutes=4))
    webhook.create([entry()])
    first, second = sent(0), sent(1)
    assert first.body == second.body
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert first.headers["X-Trayclock-Signature"] != second.headers["X-Trayclock-Signature"]
    documented_code().verify(second.headers, second.body, SECRET, now=clock.now().timestamp())


@responses.activate
def test_a_discard_is_a_signed_tombstone_at_the_last_delivered_revision(
    webhook: WebhookBackend,
) -> None:
    responses.post(URL, status=204)
    webhook.delete(RemoteLine(remote_id=UUID, entry_uuid=UUID, version="3"))
    webhook.delete(RemoteLine(remote_id=UUID, entry_uuid=UUID, version=None))
    known, unknown = sent(0), sent(1)
    assert json.loads(known.body) == documented_example("entry.discarded")
    assert known.headers["Idempotency-Key"] == f"{UUID}:3:discarded"
    assert known.headers["X-Trayclock-Event"] == "entry.discarded"
    assert json.loads(unknown.body)["entry"] == {"uuid": UUID, "revision": None}
    assert unknown.headers["Idempotency-Key"] == f"{UUID}:unknown:discarded"
    documented_code().verify(known.headers, known.body, SECRET, now=NOW.timestamp())


@responses.activate
def test_the_documented_order_rules_survive_duplicates_and_late_retries(
    webhook: WebhookBackend,
) -> None:
    responses.post(URL, status=204)
    webhook.update(webhook.find(UUID), entry(revision=1, amount=Decimal("90.00")))  # type: ignore[arg-type]
    webhook.update(webhook.find(UUID), entry(revision=2, amount=Decimal("120.00")))  # type: ignore[arg-type]
    webhook.delete(RemoteLine(UUID, UUID, version="2"))
    webhook.update(webhook.find(UUID), entry(revision=4, amount=Decimal("150.00")))  # type: ignore[arg-type]
    bodies = [sent(i).body for i in range(4)]
    receiver = documented_code()
    events = [json.loads(b) for b in bodies]
    # Delivered with a duplicate and a late retry of revision 1 after everything else.
    store: dict[str, Any] = {}
    for event in [events[0], events[1], events[1], events[2], events[3], events[0]]:
        receiver.apply(event, store)
    assert store[UUID]["revision"] == 4 and not store[UUID]["discarded"]
    assert store[UUID]["price"]["amount"] == "150.00"
    # Without the restore, the tombstone wins over its own revision.
    store = {}
    for event in [events[0], events[2], events[1]]:
        receiver.apply(event, store)
    assert store[UUID]["discarded"]


def test_find_says_maybe_there_so_an_upsert_or_a_tombstone_follows(webhook: WebhookBackend) -> None:
    line = webhook.find(UUID)
    assert line == RemoteLine(remote_id=UUID, entry_uuid=UUID, version=None)


@responses.activate
def test_create_posts_one_event_per_line_in_order(webhook: WebhookBackend) -> None:
    responses.post(URL, status=201)
    other = entry(entry_uuid="1f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a091", revision=1)
    lines = webhook.create([entry(), other])
    assert [line.version for line in lines] == ["3", "1"]
    assert [sent(i).headers["Idempotency-Key"] for i in range(2)] == [
        f"{UUID}:3",
        "1f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a091:1",
    ]


@responses.activate
def test_the_connection_test_is_a_signed_ping(webhook: WebhookBackend) -> None:
    responses.post(URL, status=204)
    said = webhook.test_connection()
    assert said == f"webhook at {URL} answered the signed ping with HTTP 204"
    request = sent()
    event = documented_code().verify(request.headers, request.body, SECRET, now=NOW.timestamp())
    assert event == {
        "event": "ping",
        "idempotency_key": f"ping:{int(NOW.timestamp())}",
        "schema": 1,
    }


@pytest.mark.parametrize(
    ("status", "headers", "body", "error", "words"),
    [
        (409, {}, {"message": "in progress"}, TransientError, "still in progress"),
        (422, {}, {"message": "unknown customer acme"}, RefusedError, "unknown customer acme"),
        (400, {}, {"message": "bad entry"}, RefusedError, "bad entry"),
        (401, {}, {"message": "bad signature"}, AuthError, "bad signature"),
        (403, {}, {"message": "forbidden"}, AuthError, "forbidden"),
        (429, {"Retry-After": "60"}, {}, RateLimited, "rate limited"),
        (500, {}, {"message": "boom"}, TransientError, "boom"),
        (302, {"Location": "https://billing.example.com/login"}, {}, RefusedError, "redirected"),
    ],
)
@responses.activate
def test_each_answer_makes_trayclock_do_what_the_page_says(
    webhook: WebhookBackend,
    status: int,
    headers: dict[str, str],
    body: dict[str, str],
    error: type,
    words: str,
) -> None:
    responses.post(URL, status=status, headers=headers, json=body)
    with pytest.raises(error, match=words) as caught:
        webhook.create([entry()])
    assert type(caught.value) is error
    assert "tenant=7" not in str(caught.value)  # the URL's query may hold a token
    assert len(responses.calls) == 1


def test_plain_http_is_refused_except_to_this_computer(clock: ManualClock) -> None:
    with pytest.raises(InsecureUrl, match="plain HTTP"):
        WebhookBackend(WebhookConfig("http://billing.example.com/in"), Secret(SECRET), clock=clock)
    WebhookBackend(WebhookConfig("http://127.0.0.1:9000/in"), Secret(SECRET), clock=clock)


def test_the_adapter_and_config_show_no_secret(webhook: WebhookBackend) -> None:
    assert SECRET not in repr(webhook) and SECRET not in repr(webhook.config)
    assert SECRET not in str(vars(webhook))


def test_customers_are_passed_through(webhook: WebhookBackend) -> None:
    assert webhook.list_customers() == []
    made = webhook.ensure_customer("acme", "ACME GmbH", None)
    assert (made.customer_id, made.name, made.ref) == ("acme", "ACME GmbH", "acme")
    assert webhook.remember_partner(made, Partner("anydesk", "1")) is None
