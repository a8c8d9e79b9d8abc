"""How one trayclock entry reads as a Tryton timesheet line, and back again.

To Tryton: the line's date is the entry's start date in the company zone, its duration the
worked time (whole seconds: Tryton stores float seconds), its description the ticket, the
notes, the partner, the exact local start–end and the marker `[trayclock:<uuid>]` last.
From Tryton: a `RemoteLine` with the line's `_timestamp` as its version, "invoiced" when it
has an invoice line, and a fingerprint of the four fields trayclock owns (work, date,
duration, description) — the one thing that tells our change from Tryton's own (invoicing
changes the `_timestamp`, never these fields).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from trayclock.sync.backend import MARKER_PREFIX, LineValues, Partner, RemoteLine, marker

MODEL = "timesheet.line"
# Read with every line: what we own, the lock stamp and the invoice link.
LINE_FIELDS = ("description", "date", "duration", "work", "invoice_line", "_timestamp")
# Fields an invoice fixes: changing them on an invoiced line is a conflict for a person.
BILLED_FIELDS = ("work", "date", "duration")
SEPARATOR = " · "
_NEUTRAL_PREFIX = "(trayclock:"  # what a marker-like text typed into notes becomes


def like_pattern(text: str) -> str:
    """`%text%` for Tryton's `like`, its wildcards escaped (Tryton escapes with a backslash)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def marker_domain(entry_uuids: Iterable[str]) -> list[Any]:
    """A domain matching the lines that carry any of these entries' markers."""
    clauses: list[Any] = [["description", "like", like_pattern(marker(u))] for u in entry_uuids]
    if len(clauses) == 1:
        return clauses
    return [["OR", *clauses]]


def entry_uuid_of(description: str | None) -> str | None:
    """The uuid in the last marker of a description (ours is always last), or None."""
    if not description:
        return None
    start = description.rfind(MARKER_PREFIX)
    if start < 0:
        return None
    start += len(MARKER_PREFIX)
    end = description.find("]", start)
    return description[start:end] if end > start else None


def _neutral(text: str) -> str:
    """Text a person typed, on one line, unable to pass for a marker."""
    return " ".join(text.split()).replace(MARKER_PREFIX, _NEUTRAL_PREFIX)


def _offset(moment: datetime) -> str:
    raw = moment.strftime("%z")  # +0100
    return f"{raw[:3]}:{raw[3:]}" if len(raw) == 5 else raw


def time_span(values: LineValues) -> str:
    """The exact local start–end: `09:12:05–10:05:40 +01:00`; the end's date when it falls
    on a later day, each offset when a clock change falls inside."""
    start, end = values.local_start(), values.local_end()
    end_text = f"{end:%H:%M:%S}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M:%S}"
    if _offset(start) == _offset(end):
        return f"{start:%H:%M:%S}–{end_text} {_offset(start)}"
    return f"{start:%H:%M:%S} {_offset(start)}–{end_text} {_offset(end)}"


def _partner_text(partner: Partner) -> str:
    text = f"{partner.app} {partner.partner_id}"
    return f"{text} ({partner.name})" if partner.name else text


def describe(values: LineValues) -> str:
    """The line's description: ticket, notes, partner, start–end, then the marker."""
    parts = []
    if values.ticket:
        parts.append(f"Ticket {_neutral(values.ticket)}")
    if values.notes.strip():
        parts.append(_neutral(values.notes))
    if values.partner is not None:
        parts.append(_neutral(_partner_text(values.partner)))
    parts.append(time_span(values))
    return f"{SEPARATOR.join(parts)} {marker(values.entry_uuid)}"


def whole_seconds(span: timedelta) -> timedelta:
    """Rounded half up to the second."""
    return timedelta(seconds=math.floor(span.total_seconds() + 0.5))


def line_fields(values: LineValues, timesheet_work: int) -> dict[str, Any]:
    """The fields trayclock owns of this entry's line."""
    return {
        "work": timesheet_work,
        "date": values.local_start().date(),
        "duration": whole_seconds(values.worked),
        "description": describe(values),
    }


def fingerprint(fields: Mapping[str, Any]) -> str:
    """A stable digest of the owned fields (as sent or as read back)."""
    duration = fields["duration"]
    seconds = round(duration.total_seconds()) if isinstance(duration, timedelta) else None
    day = fields["date"]
    text = "\x1f".join(
        [
            str(fields["work"]),
            day.isoformat() if isinstance(day, date) else str(day),
            str(seconds),
            str(fields["description"] or ""),
        ]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def remote_line(row: Mapping[str, Any]) -> RemoteLine:
    """A line as read (with LINE_FIELDS) as the worker sees it."""
    duration = row.get("duration")
    day = row.get("date")
    invoice_line = row.get("invoice_line")
    return RemoteLine(
        remote_id=str(row["id"]),
        entry_uuid=entry_uuid_of(row.get("description")) or "",
        version=str(row["_timestamp"]) if row.get("_timestamp") is not None else None,
        invoiced=invoice_line is not None,
        duration=duration if isinstance(duration, timedelta) else None,
        description=str(row.get("description") or ""),
        extra={
            "date": day.isoformat() if isinstance(day, date) else "",
            "work": str(row.get("work") or ""),
            "invoice_line": "" if invoice_line is None else str(invoice_line),
        },
        owned=fingerprint(row),
    )


def billed_changes(row: Mapping[str, Any], wanted: Mapping[str, Any]) -> list[str]:
    """The billed fields whose wanted value differs from the line as read."""
    changed = []
    for name in BILLED_FIELDS:
        have, want = row.get(name), wanted[name]
        if isinstance(have, timedelta) and isinstance(want, timedelta):
            if round(have.total_seconds()) != round(want.total_seconds()):
                changed.append(name)
        elif have != want:
            changed.append(name)
    return changed


def by_entry(
    entry_uuids: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> dict[str, Mapping[str, Any]]:
    """Rows by the entry uuid of their marker; the oldest line wins a duplicated marker."""
    wanted = set(entry_uuids)
    found: dict[str, Mapping[str, Any]] = {}
    for row in sorted(rows, key=lambda r: int(r["id"])):
        uuid = entry_uuid_of(row.get("description"))
        if uuid in wanted and uuid not in found:
            found[uuid] = row
    return found
