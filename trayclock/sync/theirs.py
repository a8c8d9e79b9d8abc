""" "Take theirs": the entry's fields made to match a remote line as a conflict recorded it
(sync/sender.py's conflict_record), pure.

- deleted there: the entry is discarded (recoverable, like every discard);
- Kimai keeps begin and end: they become the entry's; Tryton keeps a date and a duration:
  the entry moves to that date at the same local start time and ends after the duration;
- the description: trayclock's own parts (the partner, the time span, the billed result,
  the marker) are left out, a leading "Ticket …" is the ticket, the rest the notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from trayclock.domain.entry import Entry
from trayclock.sync.backend import MARKER_PREFIX
from trayclock.sync.tryton_lines import SEPARATOR

TICKET_PREFIX = "Ticket "
_OURS = ("billed ", "after hours", "no charge", "not billable", "awaiting approval")


def _is_span(part: str) -> bool:
    """A time span as trayclock writes it: "09:00:00–10:00:00 +01:00", "2026-03-02 10:00–…"."""
    return "–" in part and part[:1].isdigit()


def text_fields(description: str, entry: Entry) -> dict[str, Any]:
    """Ticket and notes as a person reads them in the description."""
    text = description
    mark = text.rfind(MARKER_PREFIX)
    if mark >= 0:
        text = text[:mark]
    parts = text.split("\n") if "\n" in text else text.split(SEPARATOR)
    partner = f"{entry.source} {entry.partner_id}" if entry.partner_id else None
    ticket: str | None = None
    notes: list[str] = []
    for raw in parts:
        part = raw.strip()
        if not part or _is_span(part) or part.startswith(_OURS):
            continue
        if partner is not None and part.startswith(partner):
            continue
        if ticket is None and not notes and part.startswith(TICKET_PREFIX):
            ticket = part[len(TICKET_PREFIX) :].strip() or None
            continue
        notes.append(part)
    return {"ticket": ticket, "notes": "\n".join(notes)}


def _instant(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def changes_from_remote(
    entry: Entry, remote: Mapping[str, Any] | None, zone: tzinfo
) -> dict[str, Any]:
    """The entry's changes that make it what the remote line says."""
    if remote is None:
        return {"discarded": True}
    extra = remote.get("extra") or {}
    changes: dict[str, Any] = {}
    begin, end = _instant(extra.get("begin")), _instant(extra.get("end"))
    start = entry.start
    if begin is not None and end is not None and end >= begin:
        changes.update(start=begin, end=end)
    else:
        day = extra.get("date")
        if day:
            local = entry.start.astimezone(zone)
            moved = datetime.combine(date.fromisoformat(day), local.time(), zone)
            start = moved
            if moved != entry.start:
                changes["start"] = moved
        seconds = remote.get("duration_s")
        if seconds is not None:
            changes["end"] = start + timedelta(seconds=float(seconds))
    if remote.get("description"):
        changes.update(text_fields(str(remote["description"]), entry))
    return {k: v for k, v in changes.items() if getattr(entry, k) != v}
