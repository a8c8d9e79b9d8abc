"""The demo day (services/review/demo.py) as a Tryton backend would leave it, for the README's
screenshots of the review window's sync states: invoiced, synced, a conflict from an office
edit, a line Tryton refused, one changed since it was sent, some queued, the evening not
submitted yet. Written through the store's own functions, as the worker would; no server
and no secret are involved (the `backend` setting names an example server)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from trayclock.services.review.demo import DEMO_ZONE
from trayclock.store import entries, outbox, settings, submission
from trayclock.store.outbox import RemoteState
from trayclock.sync.config import BackendConfig
from trayclock.sync.reasons import Code, english, reason

DEMO_BACKEND = BackendConfig("tryton", "https://erp.example.com", "acme-it", "tech")
# Local start → what became of the entry (the rest of the day: not submitted yet).
_FATES = {
    "08:06": "invoiced",
    "08:30": "synced",
    "09:05": "conflict",
    "11:55": "failed",
    "13:30": "changed",
    "13:40": "queued",
    "15:00": "synced",
}
# Tryton's own words for a line its project no longer takes (the server's language: data).
DEMO_REFUSAL = (
    'The value "Bäckerei Sommer" for field "Work" in "Timesheet Line" is not valid '
    "according to its domain."
)


def show_sync_states(conn: sqlite3.Connection, day: date, now: datetime) -> None:
    """Give the demo day's entries the sync states of a working day with Tryton."""
    settings.put(conn, settings.BACKEND, DEMO_BACKEND.setting(), now=now)
    backend = DEMO_BACKEND.identity
    zone = ZoneInfo(DEMO_ZONE)
    start = datetime.combine(day, time(0), zone)
    by_start = {
        f"{e.start.astimezone(zone):%H:%M}": e
        for e in entries.in_range(conn, start, start + timedelta(days=1))
    }
    chosen: dict[str, list[str]] = {fate: [] for fate in set(_FATES.values())}
    for clock, fate in _FATES.items():
        if clock in by_start:
            chosen[fate].append(by_start[clock].uuid)
    submission.submit(conn, [u for uuids in chosen.values() for u in uuids], now=now,
                      reason="demo: submitted")  # fmt: skip
    sent = [u for fate in ("invoiced", "synced", "conflict", "changed") for u in chosen[fate]]
    submission.sent(
        conn, backend,
        [(u, outbox.entry_revision(conn, u), RemoteState(str(400 + n), "1", None))
         for n, u in enumerate(sent)],
        now=now,
    )  # fmt: skip
    submission.invoiced(conn, backend, chosen["invoiced"], now=now)
    for uuid in chosen["conflict"]:
        row = outbox.get(conn, backend, uuid)
        assert row is not None and row.remote is not None
        changed = reason(Code.LINE_CHANGED, line=row.remote.remote_id)
        submission.conflicted(
            conn, backend, uuid, changed,
            {"remote_id": row.remote.remote_id, "version": "2", "invoiced": False},
            said=english(changed), now=now,
        )  # fmt: skip
    refusal = reason(Code.BACKEND_SAID, said=DEMO_REFUSAL)
    for uuid in chosen["failed"]:
        submission.failed(conn, backend, uuid, outbox.entry_revision(conn, uuid), refusal,
                          said=english(refusal), now=now)  # fmt: skip
    for uuid in chosen["changed"]:
        entries.edit(conn, uuid, {"notes": "DATEV update, then a reboot"}, now=now,
                     reason="demo: edited after it was sent")  # fmt: skip
