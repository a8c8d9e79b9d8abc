"""Whether a day still needs its end-of-day review: ended entries nobody reviewed (no Qt).

A module of its own so that the tray's reminder can ask at its hour without loading the
review's data modules: services/review/source.py brings the contract checkpoints, the
customers' rule and CSV importer and the submission rules, which an idle tray then kept
from 17:30 on (bench/RESULTS.md, "Idle memory, broken down").
"""

from __future__ import annotations

import sqlite3
from datetime import date, tzinfo

from trayclock.store import entries


def has_unreviewed(conn: sqlite3.Connection, day: date, zone: tzinfo) -> bool:
    """Whether `day` (in `zone`) has ended entries nobody has reviewed."""
    return any(not e.reviewed and e.end is not None for e in entries.of_day(conn, day, zone))
