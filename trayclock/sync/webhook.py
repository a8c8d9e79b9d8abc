"""The generic webhook adapter: each entry's state POSTed as signed JSON (format: docs/webhook.md).

An entry that is present is sent as `entry.upserted` with its priced result; a discarded
one as `entry.discarded` (a tombstone: one URL and one signature check for receivers,
and no DELETE with a body, which proxies drop). Every request carries
`Idempotency-Key: <uuid>:<revision>` (`…:discarded` for a tombstone) and
`X-Trayclock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>` keyed
with the webhook's secret. A retry sends the same body and key with a fresh timestamp.

A webhook cannot be asked what it holds, so `find` answers "maybe there": the worker then
sends an upsert (the receiver dedupes it by its key, exactly like a create) or a tombstone
(harmless for an entry the receiver never got). A receiver never conflicts with us: it
orders events by `revision` and ignores older ones.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from trayclock.domain.clock import Clock
from trayclock.sync.backend import (
    LineValues,
    Partner,
    RemoteCustomer,
    RemoteLine,
    TransientError,
    describe_line,
)
from trayclock.sync.http import DEFAULT_TIMEOUTS, HttpClient, Timeouts
from trayclock.sync.reasons import Code, reason
from trayclock.sync.secrets import Secret

SCHEMA = 1
EVENT_UPSERTED = "entry.upserted"
EVENT_DISCARDED = "entry.discarded"
EVENT_PING = "ping"
SIGNATURE_HEADER = "X-Trayclock-Signature"
EVENT_HEADER = "X-Trayclock-Event"
IDEMPOTENCY_HEADER = "Idempotency-Key"
SIGNATURE_VERSION = "v1"


@dataclass(frozen=True)
class WebhookConfig:
    """Where to send (no secret here: the signing key comes from the keyring)."""

    url: str
    ca_bundle: str | None = None


def encode(document: dict[str, Any]) -> bytes:
    """The exact bytes sent: UTF-8 JSON, keys sorted, no spaces (stable for a retry)."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(secret: Secret, timestamp: int, body: bytes) -> str:
    """The signature header's value for `body` sent at `timestamp` (unix seconds)."""
    mac = hmac.new(secret.reveal().encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},{SIGNATURE_VERSION}={mac.hexdigest()}"


def upsert_key(values: LineValues) -> str:
    return f"{values.entry_uuid}:{values.revision}"


def discard_key(entry_uuid: str, revision: int | None) -> str:
    return f"{entry_uuid}:{'unknown' if revision is None else revision}:discarded"


def upsert_document(values: LineValues) -> dict[str, Any]:
    """The `entry.upserted` event of one entry: the entry as trayclock holds it and its
    priced result (amounts as decimal strings: exact)."""
    partner = values.partner
    return {
        "schema": SCHEMA,
        "event": EVENT_UPSERTED,
        "idempotency_key": upsert_key(values),
        "entry": {
            "uuid": values.entry_uuid,
            "revision": values.revision,
            "customer": {
                "key": values.customer_key,
                "name": values.customer_name,
                "ref": values.customer_ref,
            },
            "start": _utc(values.start),
            "end": _utc(values.end),
            "timezone": str(getattr(values.zone, "key", None) or values.zone),
            "local_start": values.local_start().isoformat(),
            "local_end": values.local_end().isoformat(),
            "worked_seconds": int(values.worked.total_seconds()),
            "ticket": values.ticket,
            "notes": values.notes,
            "partner": None
            if partner is None
            else {"app": partner.app, "id": partner.partner_id, "name": partner.name},
            "description": describe_line(values),
        },
        "price": {
            "billable": values.billable,
            "status": values.status,
            "billed_minutes": values.billed_minutes,
            "amount": str(values.amount),
            "currency": values.currency,
            "explanation": list(values.explanation),
        },
    }


def discard_document(entry_uuid: str, revision: int | None) -> dict[str, Any]:
    """The `entry.discarded` tombstone: the entry is gone as of `revision` (the last one
    this sender delivered; None when unknown, which a receiver applies unconditionally)."""
    return {
        "schema": SCHEMA,
        "event": EVENT_DISCARDED,
        "idempotency_key": discard_key(entry_uuid, revision),
        "entry": {"uuid": entry_uuid, "revision": revision},
    }


class WebhookBackend:
    """One receiving URL. Calls block; one at a time."""

    name = "webhook"

    def __init__(
        self,
        config: WebhookConfig,
        secret: Secret,
        *,
        clock: Clock,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        self.config = config
        self._secret = secret
        self._clock = clock
        self._http = HttpClient(
            config.url,
            clock=clock,
            secrets=(secret,),
            ca_bundle=config.ca_bundle,
            timeouts=timeouts,
            headers={"Accept": "application/json, */*;q=0.5"},
        )

    def __repr__(self) -> str:
        return f"WebhookBackend({self._http.base_url})"

    def test_connection(self) -> str:
        stamp = int(self._clock.now().timestamp())
        document = {"schema": SCHEMA, "event": EVENT_PING, "idempotency_key": f"ping:{stamp}"}
        status = self._post(document)
        return f"webhook at {self._http.base_url} answered the signed ping with HTTP {status}"

    def list_customers(self) -> list[RemoteCustomer]:
        return []  # a webhook holds no customers we could read

    def ensure_customer(self, key: str, name: str, known: RemoteCustomer | None) -> RemoteCustomer:
        return RemoteCustomer(customer_id=key, name=name, ref=key)

    def remember_partner(self, customer: RemoteCustomer, partner: Partner) -> None:
        return None  # every upsert carries its partner; there is nowhere else to write

    def find(self, entry_uuid: str) -> RemoteLine | None:
        return RemoteLine(remote_id=entry_uuid, entry_uuid=entry_uuid, version=None)

    def create(self, lines: Sequence[LineValues]) -> list[RemoteLine]:
        """One POST per line, in order. Not atomic, but a repeat re-sends the earlier ones
        with the same Idempotency-Key, which receivers ignore."""
        return [self._upsert(values) for values in lines]

    def update(self, remote: RemoteLine, values: LineValues) -> RemoteLine:
        return self._upsert(values)

    def delete(self, remote: RemoteLine) -> None:
        version = remote.version or ""
        revision = int(version) if version.isdigit() else None
        self._post(discard_document(remote.entry_uuid, revision))

    def owned_of(self, values: LineValues) -> str | None:
        return None  # no fingerprint of its own (see the module doc)

    def _upsert(self, values: LineValues) -> RemoteLine:
        self._post(upsert_document(values))
        return RemoteLine(
            remote_id=values.entry_uuid,
            entry_uuid=values.entry_uuid,
            version=str(values.revision),
        )

    def _post(self, document: dict[str, Any]) -> int:
        body = encode(document)
        stamp = int(self._clock.now().timestamp())
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            IDEMPOTENCY_HEADER: str(document["idempotency_key"]),
            EVENT_HEADER: str(document["event"]),
            SIGNATURE_HEADER: sign(self._secret, stamp, body),
        }
        answer = self._http.request("POST", "", body=body, headers=headers, accept=(409,))
        if answer.status == 409:  # the Idempotency-Key draft: same key still in progress
            raise TransientError(reason(Code.EVENT_IN_PROGRESS, request=f"POST {answer.url}"))
        return answer.status


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
