"""The one small interface every billing backend adapter implements (Tryton, Kimai, webhook).

The sync worker makes the remote match each queued entry's current state through it —
present with these values, or absent if discarded — and never needs to know which backend
it talks to. An adapter turns its backend's transport and error shapes into the values and
the exceptions below; it keeps no state of its own between calls except a login session.

Idempotency: an entry's uuid is its key on every backend, in the strongest form that
backend offers (Tryton and Kimai: a marker `[trayclock:<uuid>]` in the line's description,
searched before every create; the webhook: an `Idempotency-Key` header). `find` must find a
line created by a request whose response was lost.

Errors (what the worker does with each):
- `TransientError`: connection refused or reset, timeout, HTTP 408 and 5xx — retried for
  ever with capped full-jitter backoff; the row stays in the outbox.
- `RateLimited`: HTTP 429 (or a backend's quota answer) — the whole backend pauses until
  `retry_after` (seconds from now; None: the backoff decides).
- `AuthError`: 401/403 after the adapter logged in again once — the backend pauses and the
  technician is asked for the password. Its subclass `SettingsError` says the settings
  themselves are wrong (no such database, an insecure URL, a refused certificate, the
  backend lacks what trayclock needs): the same pause, a different question.
- `RefusedError`: the backend refused this one line (validation, a rule of its own) — that
  entry is marked failed with the reason (the backend's own words in it); the others go on.
- `ConflictError`: the line changed on the server since the version we last wrote, or it
  was invoiced and a billed field would change — the entry becomes a conflict for a person.
Each error carries what happened as a `reason` (sync/reasons.py: a code and its
parameters), which the worker stores and the UI words in its language; `str(error)` is it
in English, for the command line and the log. No reason contains a secret (passwords,
tokens, session ids, HMAC keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Protocol

from trayclock.domain.sync_reason import SyncReason, as_stored
from trayclock.sync.reasons import english

MARKER_PREFIX = "[trayclock:"


def marker(entry_uuid: str) -> str:
    """The idempotency marker carried in a line's description: `[trayclock:<uuid>]`."""
    return f"{MARKER_PREFIX}{entry_uuid}]"


class SyncError(Exception):
    """A backend call failed; the subclass says what the worker should do about it, the
    `reason` what happened (its English words are the exception's text)."""

    def __init__(self, reason: SyncReason) -> None:
        super().__init__(english(reason))
        self.reason = reason


def reason_of(error: BaseException) -> SyncReason:
    """What a failure says: a sync error's own reason; any other exception (a bug) by its
    text, as it is."""
    if isinstance(error, SyncError):
        return error.reason
    return as_stored(str(error) or type(error).__name__)


class TransientError(SyncError):
    """Passes by itself (network, timeout, 408, 5xx): retry later, keep the row."""


class RateLimited(TransientError):
    """The backend asked us to slow down: pause the whole backend."""

    def __init__(self, reason: SyncReason, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after  # seconds from now; None: unknown


class AuthError(SyncError):
    """Credentials refused even after one fresh login: pause, ask the technician."""


class SettingsError(AuthError):
    """The backend's settings are wrong (no such database, an insecure URL, a refused
    certificate, a missing product or module): pause and ask, like `AuthError`."""


class RefusedError(SyncError):
    """The backend refused this line (its own words are in the reason)."""


class ConflictError(SyncError):
    """The remote line changed since we wrote it, or is invoiced and locked."""

    def __init__(self, reason: SyncReason, remote: RemoteLine | None = None) -> None:
        super().__init__(reason)
        self.remote = remote  # the remote state as read, for "take theirs"


@dataclass(frozen=True, slots=True)
class Partner:
    """A remote-tool partner (app, ID) known to belong to a customer: team knowledge."""

    app: str
    partner_id: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class RemoteCustomer:
    """A customer as the backend holds it; `ref` is what lines refer to (Tryton: the project
    work of the party; Kimai: the project), `customer_id` the backend's customer/party id."""

    customer_id: str
    name: str
    ref: str | None = None
    partners: tuple[Partner, ...] = ()


@dataclass(frozen=True, slots=True)
class LineValues:
    """What trayclock owns of one entry's remote line: its times, its price, its words.

    `start`/`end` are aware UTC datetimes; `zone` is the company time zone (a line's date is
    the entry's start date there; Kimai wants local times). `worked` is the entry's worked
    time (end − start − pauses). The priced figures are trayclock's engine's, the billing
    authority: backends that take a rate or a fixed price get these.
    """

    entry_uuid: str
    customer_key: str
    customer_name: str
    customer_ref: str | None  # the RemoteCustomer.ref this line belongs to
    start: datetime
    end: datetime
    zone: tzinfo
    worked: timedelta
    billable: bool
    status: str  # the engine's status: billed, free, merged, non_billable, needs_review
    billed_minutes: int
    amount: Decimal
    currency: str
    ticket: str | None = None
    notes: str = ""
    partner: Partner | None = None
    explanation: tuple[str, ...] = ()  # "why this amount", in words, for the description
    # The entry's change counter, bumped with every change the outbox records (the worker
    # fills it in). Backends without a version of their own use it: the webhook's
    # Idempotency-Key is `<uuid>:<revision>` and its receivers order events by it.
    revision: int = 0

    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone)

    def local_end(self) -> datetime:
        return self.end.astimezone(self.zone)


def describe_line(values: LineValues) -> str:
    """A line's description as a person reads it in the backend, ending with the marker:
    ticket, notes, partner, the exact local start–end (backends that keep a date and a
    duration only lose it otherwise) and the billed result."""
    start, end = values.local_start(), values.local_end()
    end_format = "%H:%M" if start.date() == end.date() else "%Y-%m-%d %H:%M"
    span = f"{start:%Y-%m-%d %H:%M}–{end.strftime(end_format)}"
    parts = []
    if values.ticket:
        parts.append(f"Ticket {values.ticket}")
    if values.notes.strip():
        parts.append(values.notes.strip())
    if values.partner is not None:
        who = f" ({values.partner.name})" if values.partner.name else ""
        parts.append(f"{values.partner.app} {values.partner.partner_id}{who}")
    parts.append(f"{span} {start.tzname() or ''}".rstrip())
    parts.append(f"billed {values.billed_minutes} min, {values.amount} {values.currency}")
    parts.extend(values.explanation)
    parts.append(marker(values.entry_uuid))
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class RemoteLine:
    """A line as the backend holds it. `version` is its optimistic-lock stamp (Tryton's
    `_timestamp`; Kimai, which has no lock: a digest of the fields we own as last read
    back; the webhook: the revision last delivered; None where nothing is known);
    `invoiced` locks its billed fields. `duration`, `description` and `extra` are what we
    could read back of the fields we own (for "take theirs").

    `owned` fingerprints the fields trayclock owns as the server holds them (None where the
    adapter has none). The backend may change a line in fields we do not own — Tryton's
    invoicing links the line to an invoice and so changes its `_timestamp` — so a changed
    `version` alone is no conflict: the worker keeps `version` and `owned` of what it wrote,
    and the adapter's `update`/`delete` tell the two apart (same `owned`: not a conflict)."""

    remote_id: str
    entry_uuid: str
    version: str | None = None
    invoiced: bool = False
    duration: timedelta | None = None
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    owned: str | None = None


class Backend(Protocol):
    """One configured billing backend. Calls block; the worker runs them off the GUI thread
    and never more than one at a time per backend."""

    name: str  # "tryton", "kimai", "webhook"

    def test_connection(self) -> str:
        """Log in and read something harmless; a one-line description of what answered."""
        ...

    def list_customers(self) -> list[RemoteCustomer]:
        """Every customer the backend holds, with the partners the team mapped to them."""
        ...

    def ensure_customer(self, key: str, name: str, known: RemoteCustomer | None) -> RemoteCustomer:
        """The remote customer for this trayclock customer: `known` if still there, else
        matched by name, else created."""
        ...

    def remember_partner(self, customer: RemoteCustomer, partner: Partner) -> None:
        """Record a partner → customer mapping where the backend can hold it (idempotent)."""
        ...

    def find(self, entry_uuid: str) -> RemoteLine | None:
        """The line carrying this entry's marker, or None (also finds one whose create
        response was lost)."""
        ...

    def create(self, lines: Sequence[LineValues]) -> list[RemoteLine]:
        """Create these lines, in one request where the backend allows; atomic: on any
        error nothing was created (RefusedError when a line was refused)."""
        ...

    def update(self, remote: RemoteLine, values: LineValues) -> RemoteLine:
        """Write our values over the line, locked on `remote.version` (ConflictError when
        the server's line changed since, or it is invoiced and a billed field changes)."""
        ...

    def delete(self, remote: RemoteLine) -> None:
        """Make the line absent (a line already gone is success); locked like `update`."""
        ...

    def owned_of(self, values: LineValues) -> str | None:
        """The `owned` fingerprint a line written with `values` will read back with (None
        where the adapter has none): the worker keeps it while a write is in flight, so a
        write whose answer was lost is recognised as its own, not as an office edit."""
        ...
