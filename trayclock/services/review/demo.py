"""A realistic day in a throw-away store: for screenshots, the benchmark and trying the window.

Mon–Fri 08:00–17:00 business hours in Europe/Berlin; overlapping sessions, a long session
awaiting approval, an after-hours call (one customer bills at least an hour after hours), a
free quick fix, sessions without a customer, a call paused while the laptop slept, an idle
stretch suggested as a pause and not answered yet, an hours bank and a monthly quota already
drawn by earlier entries of the month.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from trayclock.domain.entry import Entry, SyncState
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState
from trayclock.store import customers as customers_repo
from trayclock.store import entries as entries_repo
from trayclock.store import settings as settings_repo

DEMO_ZONE = "Europe/Berlin"
DEMO_POLICY: dict[str, Any] = {
    "rate": "95.00",
    "currency": "EUR",
    "increment_minutes": 15,
    "free_under_minutes": 10,
    "review_over_minutes": 60,
    "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
    "after_hours_multiplier": "1.5",
    "timezone": DEMO_ZONE,
}
# key, name, contract
DEMO_CUSTOMERS: tuple[tuple[str, str, dict[str, Any] | None], ...] = (
    ("acme", "Acme GmbH", {"included_minutes": 600, "period": "once"}),
    ("sommer", "Bäckerei Sommer", {"included_minutes": 120, "period": "month"}),
    ("weber", "Kanzlei Weber", None),
    ("lang", "Praxis Dr. Lang", None),
    ("stadtwerke", "Stadtwerke Nord", None),
)
# Customers' own rules (billing-rules.md overrides): "after hours, one hour minimum".
DEMO_CUSTOMER_POLICIES: dict[str, dict[str, Any]] = {"lang": {"after_hours_minimum_minutes": 60}}
# start | end | app | partner | customer key ("-": none) | ticket | notes | flags
# (flags: "nb" non-billable, "refused" a refused attempt)
DEMO_DAY_TABLE = """
08:06|08:13|teamviewer|Empfang Lang|lang||printer queue stuck|
08:30|09:25|anydesk|ACME-FS01|acme|T-4711|backup job failed|
09:05|09:38|teamviewer|Weber Sekretariat|weber||Outlook profile|
10:00|11:48|teamviewer|SW-Leitstelle|stadtwerke|SN-208|server migration|
10:20|10:52|rustdesk|192.168.40.17|-|||
11:55|12:10|manual||sommer||phone: till printer|
13:30|14:12|anydesk|Weber Kanzlei-PC3|weber|W-88|DATEV update|
13:40|13:58|anydesk|Weber Kanzlei-PC5|weber|W-88|DATEV update, 2nd PC|
14:25|14:33|teamviewer|1 234 567 890|-|||
15:00|15:41|anydesk|ACME-CEO-NB|acme|T-4720|VPN client|
16:10|16:12|teamviewer|Sommer Filiale 2|sommer|||refused
16:20|16:45|manual||weber||internal: documentation|nb
17:40|18:25|teamviewer|Dr. Lang Praxis-Server|lang|L-17|after-hours restore|
"""
# The demo day's pauses, by the start of their entry: from | to | state | origin.
DEMO_DAY_PAUSES = {
    "09:05": (("09:14", "09:29", PauseState.ACCEPTED, PauseOrigin.SLEEP),),  # the laptop slept
    "17:40": (("17:58", "18:16", PauseState.SUGGESTED, PauseOrigin.IDLE),),  # no input: ask
}


def _local(day: date, clock: str, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), zone)


def _entry(
    start: datetime, end: datetime, app: str, partner: str, customer_id: int | None, **more: Any
) -> Entry:
    return Entry(
        uuid=more.pop("uuid", None) or entries_repo.new_uuid(),
        source=app,
        start=start,
        end=end,
        heartbeat=end,
        partner_name=partner or None,
        customer_id=customer_id,
        **more,
    )


def fill_store(conn: sqlite3.Connection, doc: dict[str, Any], now: datetime) -> dict[str, int]:
    """Write a day document into the store; returns customer ids by key.

    `doc`: {"policy": {...}, "customers": [{"key", "name", "contract"?, "policy"?}],
    "entries": [{"id"?, "start", "end" (ISO with offset), "app", "partner"?, "customer"? (key),
    "ticket"?, "notes"?, "billable"?, "attempt"?, "approved"?, "reviewed"?, "sync_state"?,
    "pauses"? [{"start", "end", "state"?, "origin"?}]}]}.
    """
    settings_repo.set_policy(conn, doc.get("policy", {}), now=now)
    ids: dict[str, int] = {}
    for customer in doc.get("customers", []):
        ids[customer["key"]] = customers_repo.upsert(
            conn,
            customer["key"],
            customer["name"],
            now=now,
            contract=customer.get("contract"),
            policy=customer.get("policy"),
        ).id
    batch = [
        _entry(
            datetime.fromisoformat(item["start"]),
            datetime.fromisoformat(item["end"]),
            item.get("app", "manual"),
            item.get("partner", ""),
            ids[item["customer"]] if item.get("customer") else None,
            uuid=item.get("id"),
            ticket=item.get("ticket") or None,
            notes=item.get("notes", ""),
            billable=item.get("billable", True),
            attempt=item.get("attempt", False),
            approved=item.get("approved", False),
            reviewed=item.get("reviewed", False),
            sync_state=SyncState(item.get("sync_state", "local")),
            pauses=tuple(
                EntryPause(
                    datetime.fromisoformat(pause["start"]),
                    datetime.fromisoformat(pause["end"]),
                    PauseState(pause.get("state", "accepted")),
                    PauseOrigin(pause.get("origin", "tech")),
                )
                for pause in item.get("pauses", [])
            ),
        )
        for item in doc.get("entries", [])
    ]
    entries_repo.insert_many(conn, batch, reason="fixture", now=now)
    return ids


def demo_document(day: date) -> dict[str, Any]:
    """The demo day (and the month's earlier entries that drew the contracts) as a document."""
    zone = ZoneInfo(DEMO_ZONE)
    entries: list[dict[str, Any]] = []
    # Earlier this month: the hours bank and the quota are partly drawn.
    for offset, key, minutes in (
        (12, "acme", 180),
        (7, "acme", 120),
        (5, "sommer", 75),
        (4, "acme", 90),
    ):
        past = day - timedelta(days=offset)
        if past.month != day.month and key == "sommer":
            continue  # the quota is per month: an entry of last month would not draw from it
        start = _local(past, "10:00", zone)
        entries.append(
            {
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=minutes)).isoformat(),
                "app": "anydesk",
                "customer": key,
                "approved": True,
                "reviewed": True,
            }
        )
    # The week before: ordinary, already reviewed and queued (for the week view).
    rng = random.Random(day.toordinal())
    monday = day - timedelta(days=day.weekday() + 7)
    for offset in range(5):
        past = monday + timedelta(days=offset)
        clock = _local(past, "08:10", zone)
        while clock.hour < 17:
            minutes = rng.choice((9, 14, 22, 27, 35, 48))
            key = rng.choice(("weber", "lang", "stadtwerke", "weber"))
            entries.append(
                {
                    "start": clock.isoformat(),
                    "end": (clock + timedelta(minutes=minutes)).isoformat(),
                    "app": rng.choice(("teamviewer", "anydesk", "rustdesk")),
                    "customer": key,
                    "reviewed": True,
                    "sync_state": "queued",
                }
            )
            clock += timedelta(minutes=minutes + rng.choice((-10, 5, 20, 40, 70)))
    for line in DEMO_DAY_TABLE.strip().splitlines():
        start_text, end_text, app, partner, key, ticket, notes, flags = line.split("|")
        entries.append(
            {
                "start": _local(day, start_text, zone).isoformat(),
                "end": _local(day, end_text, zone).isoformat(),
                "app": app,
                "partner": partner,
                "customer": None if key == "-" else key,
                "ticket": ticket,
                "notes": notes,
                "billable": flags != "nb",
                "attempt": flags == "refused",
                "pauses": [
                    {
                        "start": _local(day, low, zone).isoformat(),
                        "end": _local(day, high, zone).isoformat(),
                        "state": str(state),
                        "origin": str(origin),
                    }
                    for low, high, state, origin in DEMO_DAY_PAUSES.get(start_text, ())
                ],
            }
        )
    return {
        "policy": DEMO_POLICY,
        "customers": [
            {
                "key": key,
                "name": name,
                "contract": contract,
                "policy": DEMO_CUSTOMER_POLICIES.get(key),
            }
            for key, name, contract in DEMO_CUSTOMERS
        ],
        "entries": entries,
    }


def fill_demo_store(conn: sqlite3.Connection, day: date) -> dict[str, int]:
    """Write the demo policy, customers, the month's earlier entries and the demo day."""
    return fill_store(conn, demo_document(day), _local(day, "19:00", ZoneInfo(DEMO_ZONE)))


def fill_history(
    conn: sqlite3.Connection,
    first_day: date,
    days: int,
    per_day: int,
    seed: int = 7,
    customer_keys: tuple[str, ...] = (),
) -> int:
    """Many ordinary working days (for the benchmark): `per_day` sessions each, some overlapping."""
    zone = ZoneInfo(DEMO_ZONE)
    rng = random.Random(seed)
    customers = [
        c.id for c in customers_repo.list_all(conn) if not customer_keys or c.key in customer_keys
    ]
    batch: list[Entry] = []
    for n in range(days):
        day = first_day + timedelta(days=n)
        start = _local(day, "07:30", zone)
        span_s = 11 * 3600  # spread over 07:30–18:30
        for _ in range(per_day):
            begin = start + timedelta(seconds=rng.randrange(span_s))
            length = timedelta(minutes=rng.choice((4, 8, 12, 20, 25, 35, 50, 70, 95)))
            customer = rng.choice(customers) if rng.random() < 0.97 else None
            batch.append(
                _entry(
                    begin,
                    begin + length,
                    rng.choice(("teamviewer", "anydesk", "rustdesk")),
                    f"PC-{rng.randrange(1000)}",
                    customer,
                )
            )
    entries_repo.insert_many(conn, batch, reason="bench", now=_local(first_day, "06:00", zone))
    return len(batch)
