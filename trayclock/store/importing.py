"""`trayclock entries import`: a billing-spec JSON document (policy, customers, entries) into
the store, in one transaction — all or nothing — and idempotently. (A customers CSV:
trayclock.store.customers_csv.)

The document is validated by the billing engine's own parser (the same rules that will
price it), so every problem names the entry id and the field; this module adds the store's
own fields and rules, and gives every problem in file order. An entry `id` becomes the
entry's uuid: a UUID id is kept as it is, any other id maps to a stable uuid5, so importing
the same file twice changes nothing and a corrected file updates the entries (audited);
two ids that are one UUID spelled two ways (`{6F1C…}` and `6f1c…`) are refused. Besides
the billing fields an entry may carry `source` (teamviewer, anydesk, rustdesk, manual,
import), `partner_id`, `partner_name`, `ticket` and `notes`: text, valid Unicode, no NUL,
bounded in length. Its `pauses`, as the billing spec spells them (validated by the same
parser), become accepted pauses (origin `import`); a re-import with other pauses replaces
the accepted ones (suggestions that still fit are kept), one with the same ones changes
nothing.

A document's customer is found as a person would name it (trayclock.store.customers: the
key, else the name ignoring case and accents); a new one is created under that key.

The company policy: fields the store does not have yet are taken from the document; a field
the store has with another value is refused (the currency switching from EUR to USD because
a colleague's file said so is not what a manager expects), naming the field and both
values, unless `replace_policy` is given: then the document's value wins for each field it
names, and the fields it does not name stay as they are.
"""

from __future__ import annotations

import re
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trayclock.domain.billing import BillingInputError
from trayclock.domain.billing_input import parse_document
from trayclock.domain.entry import IMPORT_SOURCE, MANUAL_SOURCE, Customer, EndReason, Entry
from trayclock.domain.model import BillingInput, Pause
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState, accepted_spans, fit
from trayclock.domain.session import APPS
from trayclock.store import bulk, customers, entries, settings
from trayclock.store.db import StoreError, transaction
from trayclock.store.text_fields import MAX_ID_CHARS, TEXT_LIMITS, text_problem

# Fixed forever: the same import id must always map to the same entry uuid.
IMPORT_NAMESPACE = uuidlib.UUID("6f1c7e2a-3b0d-4c55-9a7e-1d2b3c4d5e6f")
SOURCES = frozenset({*APPS, MANUAL_SOURCE, IMPORT_SOURCE})
_UUID_SHAPE = re.compile(r"\{?[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}\}?")


class ImportProblems(StoreError):
    """The file is invalid; `.problems` has one line per problem. Nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    customers_created: int = 0
    policy_fields: tuple[str, ...] = ()  # company policy fields set or changed


def entry_uuid_for(import_id: str) -> str:
    """A UUID id is kept (canonical form); any other id maps to a stable uuid5."""
    if _UUID_SHAPE.fullmatch(import_id):  # checked first: a failed UUID() parse is slow
        return str(uuidlib.UUID(import_id))
    return str(uuidlib.uuid5(IMPORT_NAMESPACE, import_id))


# --- entries (billing-spec JSON) -------------------------------------------------------------


def import_document(
    conn: sqlite3.Connection,
    doc: object,
    *,
    label: str,
    now: datetime,
    replace_policy: bool = False,
) -> ImportSummary:
    """Validate and import a billing input document; ImportProblems lists every problem."""
    raw_entries: list[Any] = []
    if isinstance(doc, dict) and isinstance(doc.get("entries"), list):
        raw_entries = doc["entries"]
    extra = _store_problems(raw_entries)
    engine: list[str] = []
    try:
        parsed = parse_document(doc)
    except BillingInputError as error:
        engine = error.problems
    problems = _in_file_order(engine, extra, raw_entries)
    if problems:
        raise ImportProblems([f"{label}: {problem}" for problem in problems])
    assert isinstance(doc, dict)
    try:
        with transaction(conn):
            policy_fields = _take_policy(conn, doc.get("policy") or {}, replace_policy, now)
            ids, created_customers = _customer_ids(conn, doc, parsed, now)
            counts = _write_entries(conn, raw_entries, parsed, ids, label, now)
    except ImportProblems as problems_found:
        raise ImportProblems([f"{label}: {p}" for p in problems_found.problems]) from None
    except UnicodeEncodeError as error:  # a backstop: the billing parser judges its fields
        raise ImportProblems(
            [f"{label}: text that is not valid Unicode (a lone surrogate): {error.reason}"]
        ) from error
    except OverflowError as error:  # a backstop: a moment the store cannot keep
        raise ImportProblems(
            [f"{label}: a date and time beyond what the store can keep ({error})"]
        ) from error
    return ImportSummary(*counts, created_customers, policy_fields)


def _store_problems(raw_entries: list[Any]) -> dict[int, list[str]]:
    """The store's own rules, per entry position (1-based): its text fields, a readable id
    (it makes the uuid), and no uuid spelled twice."""
    found: dict[int, list[str]] = {}
    uuids: dict[str, tuple[str, int]] = {}
    for position, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            continue
        raw_id = raw.get("id")
        where = f"entry {raw_id}" if isinstance(raw_id, str) and raw_id.strip() else ""
        where = where or f"entry #{position}"
        problems = found.setdefault(position, [])
        source = raw.get("source")
        if source is not None and (not isinstance(source, str) or source not in SOURCES):
            problems.append(f"{where}: source: must be one of {', '.join(sorted(SOURCES))}")
        for name, most in TEXT_LIMITS.items():
            value = raw.get(name)
            if value is None:
                continue
            if not isinstance(value, str):
                problems.append(f"{where}: {name}: must be text, got {type(value).__name__}")
            elif problem := text_problem(value, most):
                problems.append(f"{where}: {name}: {problem}")
        if not isinstance(raw_id, str) or not raw_id.strip():
            continue  # the billing parser says what is wrong with it
        if problem := text_problem(raw_id, MAX_ID_CHARS):
            problems.append(f"entry #{position}: id: {problem}")
            continue
        uuid = entry_uuid_for(raw_id)
        earlier = uuids.get(uuid)
        if earlier is not None and earlier[0] != raw_id:  # the same spelling: the parser's
            problems.append(
                f"{where}: id: the same entry as entry {earlier[0]} (#{earlier[1]}): both are "
                f"uuid {uuid}"
            )
        uuids.setdefault(uuid, (raw_id, position))
    return found


def _position(line: str, positions: dict[str, int]) -> int | None:
    """The entry (1-based) a problem line of the billing parser is about, if it names one:
    `entry ID: …`, `entry ID (#N): …` or `entry #N: …`."""
    if not line.startswith("entry "):
        return None
    rest = line[len("entry ") :]
    if rest.startswith("#"):
        digits = rest[1:].split(":", 1)[0]
        return int(digits) if digits.isdigit() else None
    end = rest.find(": ")
    while end >= 0:
        named = rest[:end]
        if named in positions:
            return positions[named]
        if named.endswith(")") and " (#" in named:
            digits = named.rsplit(" (#", 1)[1][:-1]
            if digits.isdigit():
                return int(digits)
        end = rest.find(": ", end + 2)
    return None


def _in_file_order(
    engine: list[str], extra: dict[int, list[str]], raw_entries: list[Any]
) -> list[str]:
    """The parser's lines and the store's, in the order of the file: the document's own
    problems first (policy, customers), then each entry's, entry by entry."""
    positions: dict[str, int] = {}
    for index, raw in enumerate(raw_entries, start=1):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            positions.setdefault(raw["id"], index)
    keyed: list[tuple[int, int, str]] = []
    last = 0
    for line in engine:
        position = _position(line, positions)
        if position is not None:
            last = position
        elif not line.startswith("entry "):
            last = 0  # the document's own (policy, customers): before every entry
        keyed.append((last, len(keyed), line))
    for index, lines in extra.items():
        keyed.extend((index, len(keyed), line) for line in lines)
    return [line for _, _, line in sorted(keyed)]


def _take_policy(
    conn: sqlite3.Connection, incoming: dict[str, Any], replace: bool, now: datetime
) -> tuple[str, ...]:
    """Merge the document's company policy into the stored one (see the module doc); the
    fields set or changed."""
    stored = settings.policy(conn)
    differing = [name for name in incoming if name in stored and stored[name] != incoming[name]]
    if differing and not replace:
        raise ImportProblems(
            [
                f"policy: {name}: the file says {_short(incoming[name])}, the store has "
                f"{_short(stored[name])}"
                for name in differing
            ]
            + [
                "policy: the file's company policy differs from the stored one; run again with "
                "--replace-policy to take the file's values (for the fields it names)"
            ]
        )
    changed = tuple(name for name in incoming if stored.get(name, _MISSING) != incoming[name])
    if changed:
        settings.set_policy(conn, {**stored, **incoming}, now=now)
    return changed


_MISSING = object()


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _customer_ids(
    conn: sqlite3.Connection, doc: dict[str, Any], parsed: BillingInput, now: datetime
) -> tuple[dict[str, int], int]:
    """The customer id for each customer the document names, creating the new ones; the
    customers' terms the document gives replace their stored ones."""
    terms: dict[str, Any] = doc.get("customers") or {}
    wanted = {e.customer for e in parsed.entries} | set(terms)
    known = customers.list_all(conn, include_archived=True)
    ids: dict[str, int] = {}
    created = 0
    problems = []
    for name in sorted(wanted):
        found = customers.matching_in(known, name)
        if len(found) > 1:
            problems.append(
                f"customer {name}: matches {len(found)} customers ({customers.describe(found)});"
                " use the key"
            )
            continue
        target: Customer | None = found[0] if found else None
        if name in terms or target is None:
            spec = terms.get(name, {})
            customer = customers.upsert(
                conn,
                target.key if target else name,
                target.name if target else name,
                now=now,
                external_ids=target.external_ids if target else None,
                policy=spec.get("policy", target.policy if target else None),
                contract=spec.get("contract", target.contract if target else None),
            )
            created += target is None
            ids[name] = customer.id
        else:
            ids[name] = target.id
    if problems:
        raise ImportProblems(problems)
    return ids, created


def _write_entries(
    conn: sqlite3.Connection,
    raw_entries: list[Any],
    parsed: BillingInput,
    ids: dict[str, int],
    label: str,
    now: datetime,
) -> tuple[int, int, int]:
    """Insert the new entries, update the changed ones: (created, updated, unchanged)."""
    uuids = [entry_uuid_for(e.id) for e in parsed.entries]
    stored = entries.get_many(conn, uuids)
    fresh: list[Entry] = []
    updated = unchanged = 0
    for raw, billing_entry, uuid in zip(raw_entries, parsed.entries, uuids, strict=True):
        entry = Entry(
            uuid=uuid,
            source=str(raw.get("source") or IMPORT_SOURCE),
            start=billing_entry.start,
            end=billing_entry.end,
            heartbeat=billing_entry.end,
            end_reason=EndReason.MANUAL,
            customer_id=ids[billing_entry.customer],
            billable=billing_entry.billable,
            approved=billing_entry.approved,
            reviewed=billing_entry.approved,
            partner_id=raw.get("partner_id"),
            partner_name=raw.get("partner_name"),
            ticket=raw.get("ticket"),
            notes=raw.get("notes") or "",
            pauses=_imported(billing_entry.pauses),
        )
        if entry.uuid not in stored:
            fresh.append(entry)
            continue
        changes = _changes(stored[entry.uuid], entry)
        if changes:
            entries.update(conn, entry.uuid, changes, reason=f"import {label}", now=now)
            updated += 1
        else:
            unchanged += 1
    bulk.insert_in_chunks(conn, fresh, reason=f"import {label}", now=now)
    return len(fresh), updated, unchanged


_IMPORTED_FIELDS = (
    "start",
    "end",
    "customer_id",
    "billable",
    "approved",
    "partner_id",
    "partner_name",
    "ticket",
    "notes",
    "discarded",
)


def _imported(pauses: tuple[Pause, ...]) -> tuple[EntryPause, ...]:
    return tuple(
        EntryPause(p.start, p.end, PauseState.ACCEPTED, PauseOrigin.IMPORT) for p in pauses
    )


def _changes(before: Entry, after: Entry) -> dict[str, Any]:
    after = after.with_changes(discarded=False)  # re-importing a line brings it back
    changes = {
        name: getattr(after, name)
        for name in _IMPORTED_FIELDS
        if getattr(before, name) != getattr(after, name)
    }
    if accepted_spans(before.pauses) != accepted_spans(after.pauses):
        # The file says which stretches were not worked; the stored suggestions and answers
        # that still fit beside them stay.
        taken = accepted_spans(after.pauses)
        others = [
            p
            for p in before.pauses
            if not p.accepted
            and not (p.live and any(p.start < high and low < p.end for low, high in taken))
        ]
        changes["pauses"] = fit((*after.pauses, *others), after.start, after.end)
    return changes
