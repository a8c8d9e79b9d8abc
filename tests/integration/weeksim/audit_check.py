"""Does an entry's audit trail explain it? Replayed from its creation record, every audited
field's changes must chain (each change starts from the value the last one left) and end at
the value stored, and its pauses must be exactly those the trail added and did not remove.
Heartbeats are the one field the store does not audit (they move every 30 s)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.integration.weeksim.store_view import Pause, Piece

CREATED = "*created"
PAUSE = "pause"
UNAUDITED = {"heartbeat", "created_at", "updated_at", "uuid", "source"}
FLAGS = {"billable", "approved", "reviewed", "attempt", "overlap", "discarded"}

AuditRow = tuple[str, str | None, str | None, str]  # field, old, new, reason


def encode(moment: datetime) -> str:
    """As the store writes a time: `2026-11-23T07:30:00.000000Z`."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def describe(pause: Pause) -> str:
    return f"{encode(pause.start)} → {encode(pause.end)} {pause.state} ({pause.origin})"


def _as_text(name: str, stored: str | None) -> str | None:
    """A stored column as the trail writes the field's value."""
    if name in FLAGS and stored is not None:
        return "true" if stored not in ("0", "") else "false"
    return stored


def audit_problems(piece: Piece, rows: list[AuditRow], columns: dict[str, str | None]) -> list[str]:
    problems: list[str] = []
    created = [row for row in rows if row[0] == CREATED]
    if len(created) != 1 or rows[0][0] != CREATED:
        return [f"{len(created)} creation records"]
    summary = created[0][2] or ""
    # "<source> <start> → <end or running>"
    _, _, times = summary.partition(" ")
    start, _, end = times.partition(" → ")
    known = {"start": start, "end": None if end == "running" else end}
    for name in columns:
        if name in UNAUDITED:
            continue
        chain = [row for row in rows if row[0] == name]
        stored = _as_text(name, columns[name])
        value = known.get(name, "?")
        for field_name, old, new, reason in chain:
            del field_name
            if value != "?" and old != value:
                problems.append(f"{name}: a change from {old!r} while it was {value!r} ({reason})")
            value = new
        if value != "?" and value != stored:
            problems.append(f"{name}: stored {stored!r}, the trail says {value!r}")
    pauses: list[str] = []
    for field_name, old, new, reason in rows:
        if field_name != PAUSE:
            continue
        if old is not None:
            if old in pauses:
                pauses.remove(old)
            else:
                problems.append(f"pause {old} changed but never added ({reason})")
        if new is not None:
            pauses.append(new)
    stored_pauses = sorted(describe(p) for p in piece.pauses)
    if sorted(pauses) != stored_pauses:
        problems.append(f"pauses stored {stored_pauses}, the trail says {sorted(pauses)}")
    return problems
