"""Settings kept in the store: company billing policy, backend choice. Never secrets.

Known keys:
- `policy`: the company policy object of billing-rules.md, every field optional. Business
  hours, the company timezone and the concurrency policy are its `business_hours`,
  `timezone` and `concurrency` fields, so billing reads them exactly as stored.
- `backend`: `{"name": "kimai", "url": "…", …}` — which backend and where; credentials live
  in the keyring (trayclock.sync.secrets), and a value that looks like one is refused here
  (trayclock.store.secret_check: secret-named keys, credentials inside URLs, Bearer/Basic
  values, tokens and private keys, at any depth, in lists too).
- `ui`: free-form, non-secret preferences of the tray and review window.
- `detection`: `{"grace_s": 60, "log_paths": {"anydesk": ["…/ad.trace"]}}` — where to find
  logs the usual places miss (portable and branded installs); read by trayclock.app.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from trayclock.store.db import StoreError, encode_time, transaction
from trayclock.store.secret_check import secret_problem

POLICY = "policy"
BACKEND = "backend"
UI = "ui"
DETECTION = "detection"
KNOWN_KEYS = frozenset({POLICY, BACKEND, UI, DETECTION})


def get(conn: sqlite3.Connection, key: str) -> Any:
    """The stored value, or None when never set."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def put(conn: sqlite3.Connection, key: str, value: Any, *, now: datetime) -> None:
    """Store a JSON-able value under a known key; refuse secrets."""
    if key not in KNOWN_KEYS:
        raise StoreError(f"unknown setting {key!r} (known: {', '.join(sorted(KNOWN_KEYS))})")
    problem = secret_problem(value, key)
    if problem:
        raise StoreError(f"setting {problem}")
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
            "updated_at = excluded.updated_at",
            (key, json.dumps(value, sort_keys=True), encode_time(now)),
        )


def policy(conn: sqlite3.Connection) -> dict[str, Any]:
    """The company policy (billing-rules.md shape); {} = all defaults."""
    value = get(conn, POLICY)
    return dict(value) if isinstance(value, dict) else {}


def set_policy(conn: sqlite3.Connection, value: dict[str, Any], *, now: datetime) -> None:
    put(conn, POLICY, value, now=now)
