"""Kimai's JSON, read the way trayclock needs it (pure): the timesheet fields trayclock owns,
normalised and digested (our stand-in for the lock Kimai does not have), whether a write
would change them, and the customer custom field that holds partner IDs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from trayclock.sync.backend import MARKER_PREFIX, LineValues, Partner

TIME_TOLERANCE = timedelta(seconds=59)  # Kimai may drop seconds; not a change of ours
_MONEY = Decimal("0.01")


def owned_fields(item: Mapping[str, Any]) -> dict[str, Any]:
    """The fields trayclock owns of a Kimai timesheet, normalised (instants in UTC, money
    to the cent) so that the same line always reads the same."""
    return {
        "begin": instant(item.get("begin")),
        "end": instant(item.get("end")),
        "project": item.get("project"),
        "activity": item.get("activity"),
        "description": str(item.get("description") or ""),
        "billable": bool(item.get("billable")),
        "fixedRate": money(item.get("fixedRate")),
    }


def digest(owned: Mapping[str, Any]) -> str:
    text = json.dumps(owned, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def parse_partners(text: str) -> tuple[Partner, ...]:
    """`app:id` words (spaces, commas, semicolons or new lines between them); others are
    ignored (a person may have typed in the field)."""
    partners: dict[tuple[str, str], Partner] = {}
    for word in text.replace(",", " ").replace(";", " ").split():
        app, sep, partner_id = word.partition(":")
        if sep and app.isalpha() and partner_id:
            partners.setdefault((app.lower(), partner_id), Partner(app.lower(), partner_id))
    return tuple(partners.values())


def format_partners(partners: Sequence[Partner]) -> str:
    words = sorted({f"{p.app.lower()}:{p.partner_id}" for p in partners})
    return " ".join(words)


def desired_fields(values: LineValues, body: Mapping[str, Any]) -> dict[str, str]:
    """What `body` (a payload for `values`) asks Kimai to hold, shaped like RemoteLine.extra."""
    begin = values.start.astimezone(UTC).replace(microsecond=0)
    return {
        "begin": begin.isoformat(),
        "end": (begin + values.worked).replace(microsecond=0).isoformat(),
        "project": str(body["project"]),
        "activity": str(body["activity"]),
        "description": str(body["description"]),
        "billable": str(bool(body["billable"])),
        "fixedRate": str(money(body["fixedRate"])),
    }


def differs(have: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    """Would writing `wanted` change a field we own of `have`? Times within
    TIME_TOLERANCE are the same (Kimai may drop seconds)."""
    for name, value in wanted.items():
        theirs = have.get(name, "")
        if name in ("begin", "end") and value and theirs:
            try:
                gap = abs(datetime.fromisoformat(value) - datetime.fromisoformat(theirs))
            except (TypeError, ValueError):
                return True
            if gap > TIME_TOLERANCE:
                return True
        elif theirs != value:
            return True
    return False


def instant(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # kept as read: a change still shows
    if moment.tzinfo is None:
        return moment.isoformat()
    return moment.astimezone(UTC).isoformat()


def money(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return str(Decimal(str(value)).quantize(_MONEY))
    except (InvalidOperation, ValueError):
        return str(value)


def uuid_in(description: str) -> str:
    start = description.rfind(MARKER_PREFIX)
    end = description.find("]", start)
    return description[start + len(MARKER_PREFIX) : end] if start >= 0 and end > start else ""


def meta(item: Any, name: str) -> str:
    if not isinstance(item, dict):
        return ""
    for meta in item.get("metaFields") or []:
        if isinstance(meta, dict) and meta.get("name") == name:
            return str(meta.get("value") or "")
    return ""


def items(data: Any) -> list[dict[str, Any]]:
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def string_at(data: Any, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def same_name(a: Any, b: str) -> bool:
    return isinstance(a, str) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
