"""Tryton's JSON-RPC wire format: its `__class__` encodings of dates, times, timedeltas
and decimals, and its `error` member turned into sync/backend.py's errors (HTTP statuses:
sync/http.py's raise_for_status, the one rule for every adapter).

Tryton answers a refusal with HTTP 200 and `error: [kind, detail]`; detail is a list for
Tryton's own exceptions (UserError: message, description, domain) and a traceback text for
an exception on the server, which is an HTTP 500 in all but status.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, NoReturn

from trayclock.sync.backend import (
    AuthError,
    ConflictError,
    RateLimited,
    RefusedError,
    SettingsError,
    TransientError,
)
from trayclock.sync.reasons import Code, reason

MESSAGE_LIMIT_CHARS = 300  # a server's error text is cut to this in our messages


# --- Tryton's encodings -----------------------------------------------------------------


def _encode(value: object) -> dict[str, Any]:
    """json's `default`: Tryton's `__class__` objects. Datetimes travel as naive UTC."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: trayclock sends aware times only")
        utc = value.astimezone(UTC)
        return {
            "__class__": "datetime",
            "year": utc.year,
            "month": utc.month,
            "day": utc.day,
            "hour": utc.hour,
            "minute": utc.minute,
            "second": utc.second,
            "microsecond": utc.microsecond,
        }
    if isinstance(value, date):
        return {"__class__": "date", "year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, time):
        return {
            "__class__": "time",
            "hour": value.hour,
            "minute": value.minute,
            "second": value.second,
            "microsecond": value.microsecond,
        }
    if isinstance(value, timedelta):
        return {"__class__": "timedelta", "seconds": value.total_seconds()}
    if isinstance(value, Decimal):
        return {"__class__": "Decimal", "decimal": str(value)}
    if isinstance(value, bytes | bytearray):
        return {"__class__": "bytes", "base64": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot send {type(value).__name__} to Tryton")


def _decode(obj: dict[str, Any]) -> Any:
    """json's `object_hook`: Tryton's `__class__` objects back to Python values."""
    kind = obj.get("__class__")
    if kind is None:
        return obj
    if kind == "date":
        return date(obj["year"], obj["month"], obj["day"])
    if kind == "datetime":
        return datetime(
            obj["year"], obj["month"], obj["day"], obj["hour"], obj["minute"],
            obj["second"], obj["microsecond"], tzinfo=UTC,
        )  # fmt: skip
    if kind == "time":
        return time(obj["hour"], obj["minute"], obj["second"], obj["microsecond"])
    if kind == "timedelta":
        return timedelta(seconds=obj["seconds"])
    if kind == "Decimal":
        return Decimal(obj["decimal"])
    if kind == "bytes":
        return base64.b64decode(obj["base64"])
    return obj


def dumps(payload: object) -> bytes:
    return json.dumps(payload, default=_encode, separators=(",", ":")).encode("utf-8")


def loads(body: bytes) -> Any:
    return json.loads(body, object_hook=_decode)


# --- errors -----------------------------------------------------------------------------


def short(text: object) -> str:
    words = " ".join(str(text).split())
    return words if len(words) <= MESSAGE_LIMIT_CHARS else words[: MESSAGE_LIMIT_CHARS - 1] + "…"


def raise_for_error(error: object) -> NoReturn:
    """An `error` member of Tryton's answer as the matching sync error: `[kind, detail]`,
    where detail is a list for Tryton's own exceptions and a traceback text otherwise."""
    items = error if isinstance(error, list) else [error]
    kind = items[0] if items else None
    detail = items[1] if len(items) > 1 else None
    parts = detail if isinstance(detail, list) else [detail]

    def part(index: int) -> str:
        value = parts[index] if index < len(parts) else None
        return short(value) if value else ""

    if kind == "UserError":  # (message, description, domain); also ValidationError, AccessError
        said = part(0) + (f" ({part(1)})" if part(1) else "")
        raise RefusedError(reason(Code.BACKEND_SAID, said=said))
    if kind == "UserWarning":  # (name, message, description): needs a person's confirmation
        raise RefusedError(reason(Code.BACKEND_SAID, said=part(1)))
    if kind == "ConcurrencyException":
        if not detail:
            raise ConflictError(reason(Code.RECORD_MODIFIED))
        raise ConflictError(reason(Code.BACKEND_SAID, said=short(detail)))
    if kind == "RateLimitException":
        raise RateLimited(reason(Code.TRYTON_SLOW_DOWN), None)
    if kind == "LoginException":  # (name, message, type): more than a password is asked
        raise AuthError(reason(Code.TRYTON_LOGIN_MORE, said=part(1)))
    if kind == "MissingDependenciesException":
        raise SettingsError(reason(Code.TRYTON_MISSING_MODULES, said=short(detail)))
    # TimeOutException, or a server-side exception as (message, traceback): an HTTP 500 in
    # other words (a locked SQLite database is one) — retried, never the entry's fault.
    raise TransientError(reason(Code.TRYTON_FAILED, said=short(kind)))
