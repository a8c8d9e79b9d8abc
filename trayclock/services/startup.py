"""Starting to track: the detection options in force, the tracker under the same grace period,
its crash recovery, and what the previous run left for detection (no Qt).

At start-up the previous run's last sign of life (the newest heartbeat in the store) and the
sessions its crash recovery just closed go to detection (`PreviousRun`): sessions the logs show
ended while trayclock was down are recorded, and old log sessions the previous run already
ended are not taken up again.

A little after start-up the contract checkpoints a first review would wait for are made
(`keep_balances_up`): only a store with an hours bank has any, and only then is
services.balances loaded.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from trayclock.detect.reconciler import PreviousRun
from trayclock.detect.signals.idle_types import IdleSource
from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.domain.history import needs_balances
from trayclock.services.detection_options import DetectionOptions, stored_detection_options
from trayclock.store import customers, db, entries
from trayclock.tracker import Tracker

log = logging.getLogger(__name__)

# How far back the previous run's last heartbeat is looked for. Older than this, work that
# ended while trayclock was down is not looked for in the logs (they hardly reach back so far).
PREVIOUS_RUN_LOOKBACK_DAYS = 31


def previous_run(
    conn: sqlite3.Connection, recovered: Sequence[Entry], now: datetime
) -> PreviousRun | None:
    """The previous run's last sign of life (the newest heartbeat in the store) and the
    session keys its crash recovery just closed; None when the store shows no recent run.

    Read-only. A heartbeat is written every HEARTBEAT_S while anything runs, and recording a
    session's end moves its entry's heartbeat up to that end, so no session that ended after
    this moment was recorded.
    """
    since = now - timedelta(days=PREVIOUS_RUN_LOOKBACK_DAYS)
    newest = entries.last_heartbeat(conn, since, now + timedelta(days=1))
    beats = [e.heartbeat for e in recovered] + ([newest] if newest is not None else [])
    if not beats:
        return None
    left_open = frozenset(e.session_key for e in recovered if e.session_key)
    return PreviousRun(max(beats), left_open)


@dataclass(frozen=True)
class Tracking:
    """What `start_tracking` set up: the tracker, the options detection must run with, and
    what the previous run left (for `open_monitor(previous_run=...)`)."""

    tracker: Tracker
    options: DetectionOptions
    recovered: tuple[Entry, ...]
    previous: PreviousRun | None


def start_tracking(
    conn: sqlite3.Connection,
    clock: Clock,
    environment: DetectionOptions | None = None,
    *,
    idle_source: IdleSource | None = None,
) -> Tracking:
    """The store's `detection` setting under the `environment`'s options, a Tracker with their
    grace period (the same one the monitor gets) and idle threshold (over `idle_source`,
    read on the heartbeat; None: no idle suggestions), and the previous run's entries
    recovered."""
    # The environment wins field by field (the composition root used to apply them the other
    # way round, so a stored setting silently beat TRAYCLOCK_GRACE_S / TRAYCLOCK_LOGS).
    options = (environment or DetectionOptions()).over(stored_detection_options(conn))
    tracker = Tracker(
        conn,
        clock,
        grace_s=options.grace_seconds,
        idle_source=idle_source,
        idle_threshold_s=options.idle_threshold_seconds,
    )
    recovered = tuple(tracker.recover())
    if recovered:
        log.info("closed %d entries left running by the last run", len(recovered))
    return Tracking(tracker, options, recovered, previous_run(conn, recovered, clock.now()))


def keep_balances_up(path: str, now: datetime) -> None:
    """Checkpoint what a price of `now`'s month needs, on a connection of its own (the tray
    runs this on a thread of its own after start-up, so a first review after an upgrade or
    an import does not wait for it). Problems are logged: the prices make what is missing."""
    try:
        conn = db.open_again(path)
    except sqlite3.Error as error:
        log.warning("contract balance checkpoints: cannot open %s: %s", path, error)
        return
    try:
        if needs_balances(customers.list_all(conn, include_archived=True)):
            # The checkpoints' machinery (~80 KiB) only for a store with an hours bank.
            from trayclock.services.balances import keep_ahead

            keep_ahead(conn, now)
    except (sqlite3.Error, db.StoreError) as error:
        log.warning("contract balance checkpoints not made: %s", error)
    finally:
        conn.close()
