"""The sync worker: makes the configured backend hold every queued entry as it is now —
present with its values, or absent if discarded — through the outbox (store/outbox.py).

A pass takes the due rows one unit at a time (sync/units.py: a batch of creates, one
update, one delete), each under the store's sync lock (sync/lock.py: one worker at a time,
the tray's and `trayclock sync` interleave safely), with one request in flight. What each
error does (sync/backend.py):
- TransientError (network, timeout, 408, 5xx): the unit's rows keep waiting; the backend
  waits a capped full-jitter backoff (sync/backoff.py) and is tried again, for ever;
- RateLimited (429): the backend pauses until Retry-After (or the backoff without one);
- AuthError: paused, "needs password", until the backend is configured again; its
  SettingsError: paused, "settings"; KeyringUnavailable: paused, retried with the backoff;
- RefusedError: that entry is failed with its reason (the backend's words in it); the rest
  go on;
- ConflictError: that entry is a conflict for a person (services/sync.py decides it).
Any other exception (a bug) is logged and treated as transient: rows are never dropped.
What happened is stored as a reason (sync/reasons.py), never as a sentence: the UI words it.

Threads: the worker is Qt-free and blocking. `run` is the command line's (passes until
nothing is due, waiting out backoffs up to a patience); `run_forever(stop, wake)` is the
app's background thread (sync/background.py), waking when asked (something queued, the
network back) or when the next try is due. Each run opens its own SQLite connection.

Why this module is long: the two runs, a pass over its units and what each failure does to
the backend's state are one contract (the list above), read together.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.domain.sync_reason import SyncReason
from trayclock.store import db, entries, outbox, outbox_records, submission, sync_backends
from trayclock.store.sync_backends import BackendState, Problem
from trayclock.sync import backend as errors
from trayclock.sync import config as backend_config
from trayclock.sync.backend import AuthError, Backend, RateLimited, SettingsError, TransientError
from trayclock.sync.backoff import Backoff
from trayclock.sync.config import BackendConfig
from trayclock.sync.lock import sync_lock
from trayclock.sync.pass_context import STILL_RUNNING, Connect, PassContext, Pricing
from trayclock.sync.reasons import Code, english, reason
from trayclock.sync.secrets import KeyringUnavailable
from trayclock.sync.sender import Sender
from trayclock.sync.units import BATCH_SIZE, Unit, next_unit

log = logging.getLogger(__name__)

LOCK_WAIT_S = 120.0  # the other worker holds the lock for one unit (one request) at a time
IDLE_S = 15 * 60.0  # the background worker looks again at least this often
MIN_WAIT_S = 5.0  # after a pass that moved nothing, the background worker waits this at least
EXCHANGE_EVERY = timedelta(minutes=15)  # customers and partner IDs with the backend
CLI_PATIENCE_S = 60.0  # `trayclock sync` waits out backoffs this long in all
STOPPING = (Problem.NEEDS_PASSWORD, Problem.SETTINGS)  # until someone configures again

# Customers and partner IDs exchanged with the backend (services/sync.py's, injected: the
# customers' matching rule lives above this layer).
Exchange = Callable[[sqlite3.Connection, Backend, BackendConfig, datetime], None]


@dataclass(frozen=True)
class RunReport:
    """What a pass (or a run) left: counts of this run, and the outbox after it."""

    backend: str | None
    sent: int = 0
    failed: int = 0
    conflicts: int = 0
    waiting: int = 0  # rows still pending
    problem: Problem | None = None
    problem_reason: SyncReason | None = None
    next_try_at: datetime | None = None  # when something is due next (None: nothing)

    @property
    def progressed(self) -> bool:
        """Whether the pass settled anything (sent, refused, in conflict)."""
        return bool(self.sent or self.failed or self.conflicts)

    def plus(self, later: RunReport) -> RunReport:
        return replace(
            later,
            sent=self.sent + later.sent,
            failed=self.failed + later.failed,
            conflicts=self.conflicts + later.conflicts,
        )


class SyncWorker:
    def __init__(
        self,
        database: Path,
        *,
        clock: Clock,
        connect: Connect,
        pricing: Pricing,
        exchange: Exchange | None = None,
        backoff: Backoff | None = None,
        batch_size: int = BATCH_SIZE,
        lock_wait_s: float = LOCK_WAIT_S,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.database = Path(database)
        self.clock = clock
        self._connect = connect
        self._pricing = pricing
        self.exchange = exchange
        self.backoff = backoff or Backoff()
        self.batch_size = batch_size
        self.lock_wait_s = lock_wait_s
        self._sleep = sleep

    # -- runs ----------------------------------------------------------------------------------

    def run(
        self, *, patience_s: float = CLI_PATIENCE_S, stop: threading.Event | None = None
    ) -> RunReport:
        """Everything waiting, now (backoffs skipped at first, a 429 pause honoured), then
        again as backoffs come due, waiting `patience_s` at most in all."""
        conn = db.connect(self.database)
        try:
            total = self.run_pass(conn, eager=True, stop=stop)
            waited = 0.0
            last = total
            while total.waiting and total.problem not in STOPPING and total.next_try_at:
                wait = max(0.0, (total.next_try_at - self.clock.now()).total_seconds())
                if waited + wait > patience_s or (stop is not None and stop.is_set()):
                    break
                if wait == 0.0 and not last.progressed:
                    break  # due now, yet the last pass moved nothing: nothing more to do now
                self._sleep(wait)
                waited += wait
                last = self.run_pass(conn, stop=stop)
                total = total.plus(last)
            return total
        finally:
            conn.close()

    def run_forever(
        self,
        stop: threading.Event,
        wake: threading.Event,
        *,
        eager: threading.Event | None = None,
        idle_s: float = IDLE_S,
        after_pass: Callable[[RunReport | None], None] = lambda _report: None,
    ) -> None:
        """Passes until `stop` is set (set `wake` too, to end a wait at once), each told to
        `after_pass` (None: it failed); then waits until the next try is due, at most `idle_s`,
        or `wake`. With `eager` set (the network came back) the next pass skips backoffs."""
        conn = db.connect(self.database, check_same_thread=True)
        try:
            while not stop.is_set():
                now_eager = eager is not None and eager.is_set()
                if eager is not None:
                    eager.clear()
                report = None
                try:
                    report = self.run_pass(conn, eager=now_eager, stop=stop)
                except Exception:  # the loop must live on: the next wake-up tries again
                    log.exception("sync pass failed")
                after_pass(report)
                timeout = idle_s
                if report is not None and report.next_try_at is not None:
                    due = (report.next_try_at - self.clock.now()).total_seconds()
                    least = 0.0 if report.progressed else MIN_WAIT_S  # never a busy loop
                    timeout = min(idle_s, max(least, due))
                wake.wait(timeout)
                wake.clear()
        finally:
            conn.close()

    # -- one pass ------------------------------------------------------------------------------

    def run_pass(
        self,
        conn: sqlite3.Connection,
        *,
        eager: bool = False,
        stop: threading.Event | None = None,
    ) -> RunReport:
        """Every due row once (with `eager`, every waiting row: backoffs skipped)."""
        config = backend_config.configured(conn)
        if config is None:
            return RunReport(None, problem_reason=reason(Code.NO_BACKEND))
        backend = config.identity
        state = sync_backends.backend_state(conn, backend)
        if not self._blocked(state, eager):
            context = PassContext(conn, config, self._connect, self._pricing, self.clock)
            counts = self._units(conn, context, state, eager, stop)
        else:
            counts = (0, 0, 0)
        return self._report(conn, backend, counts)

    def _blocked(self, state: BackendState, eager: bool) -> bool:
        if state.problem in STOPPING:
            return True
        if state.retry_at is None or state.retry_at <= self.clock.now():
            return False
        return state.problem is Problem.RATE_LIMITED or not eager

    def _units(
        self,
        conn: sqlite3.Connection,
        context: PassContext,
        state: BackendState,
        eager: bool,
        stop: threading.Event | None,
    ) -> tuple[int, int, int]:
        run = _Pass(self, conn, context, state)
        if self._exchange_due(state, eager):
            with sync_lock(self.database, wait_s=self.lock_wait_s):
                if not run.attempt([], run.exchange):
                    return run.counts()
        tried: set[tuple[str, int]] = set()
        while stop is None or not stop.is_set():
            with sync_lock(self.database, wait_s=self.lock_wait_s):
                due_at = None if eager else self.clock.now()
                rows = [
                    r
                    for r in outbox.waiting(
                        conn, context.config.identity, due_at=due_at, limit=self.batch_size * 2
                    )
                    if (r.entry_uuid, r.revision) not in tried
                ]
                if not rows:
                    break
                found = entries.get_many(conn, [r.entry_uuid for r in rows])
                unit = next_unit(rows, {u: e.discarded for u, e in found.items()}, self.batch_size)
                assert unit is not None
                tried |= {(r.entry_uuid, r.revision) for r in unit.rows}
                if not run.attempt([r.entry_uuid for r in unit.rows], run.sender_of(unit, found)):
                    return run.counts()
        if run.sender is not None and (stop is None or not stop.is_set()):
            with sync_lock(self.database, wait_s=self.lock_wait_s):
                run.attempt([], run.ripple)
        return run.counts()

    def _exchange_due(self, state: BackendState, eager: bool) -> bool:
        if self.exchange is None:
            return False
        last = state.customers_at
        return eager or last is None or self.clock.now() - last >= EXCHANGE_EVERY

    def failure(
        self,
        conn: sqlite3.Connection,
        state: BackendState,
        error: Exception,
        pending: list[str],
    ) -> BackendState:
        """The backend's new state after `error`; the unit's unresolved rows keep waiting."""
        now = self.clock.now()
        why = errors.reason_of(error)
        text = english(why)
        if isinstance(error, SettingsError):
            log.warning("sync to %s paused: settings: %s", state.backend, text)
            return replace(state, problem=Problem.SETTINGS, problem_reason=why, retry_at=None)
        if isinstance(error, AuthError):
            log.warning("sync to %s paused: credentials refused: %s", state.backend, text)
            return replace(state, problem=Problem.NEEDS_PASSWORD, problem_reason=why, retry_at=None)
        failures = state.failures + 1
        problem = Problem.UNREACHABLE
        count = True
        delay = self.backoff.delay_s(failures)
        if isinstance(error, RateLimited):
            problem, count = Problem.RATE_LIMITED, False
            if error.retry_after is not None:
                delay, failures = error.retry_after, state.failures
        elif isinstance(error, KeyringUnavailable):
            problem = Problem.KEYRING
        elif not isinstance(error, TransientError):
            log.error("sync to %s failed unexpectedly", state.backend, exc_info=error)
            why = reason(Code.INTERNAL_ERROR, error=type(error).__name__, said=why)
        else:
            log.info("sync to %s: %s; next try in %.0f s", state.backend, text, delay)
        retry_at = now + timedelta(seconds=delay)
        outbox_records.record_retry(
            conn, state.backend, pending, why, next_attempt_at=retry_at, now=now, count=count
        )
        return replace(
            state, failures=failures, retry_at=retry_at, problem=problem, problem_reason=why
        )

    def _report(
        self, conn: sqlite3.Connection, backend: str, counts: tuple[int, int, int]
    ) -> RunReport:
        state = sync_backends.backend_state(conn, backend)
        waiting = outbox.waiting(conn, backend)
        next_try: datetime | None = None
        if waiting and state.problem not in STOPPING:
            now = self.clock.now()
            times = [r.next_attempt_at or now for r in waiting]
            next_try = min(times)
            if state.retry_at is not None:
                next_try = max(next_try, state.retry_at)
        return RunReport(
            backend,
            sent=counts[0],
            failed=counts[1],
            conflicts=counts[2],
            waiting=len(waiting),
            problem=state.problem,
            problem_reason=state.problem_reason,
            next_try_at=next_try,
        )


class _Pass:
    """One pass's running state: the backend's state, the sender, what was refused here."""

    def __init__(
        self,
        worker: SyncWorker,
        conn: sqlite3.Connection,
        context: PassContext,
        state: BackendState,
    ) -> None:
        self.worker = worker
        self.conn = conn
        self.context = context
        self.state = state
        self.sender: Sender | None = None
        self.refused = 0

    def counts(self) -> tuple[int, int, int]:
        outcomes = self.sender.outcomes if self.sender is not None else {}
        return (
            outcomes.get("sent", 0),
            outcomes.get("failed", 0) + self.refused,
            outcomes.get("conflict", 0),
        )

    def exchange(self) -> None:
        exchange = self.worker.exchange
        assert exchange is not None
        exchange(self.conn, self.context.adapter(), self.context.config, self.worker.clock.now())
        self.context.forget_customers()
        self.state = replace(self.state, customers_at=self.worker.clock.now())

    def sender_of(self, unit: Unit, found: Mapping[str, Entry]) -> Callable[[], None]:
        def send() -> None:
            if self.sender is None:
                adapter = self.context.adapter()
                self.sender = Sender(self.conn, self.context.config.identity, adapter,
                                     self.worker.clock)  # fmt: skip
            values, problems = self.context.values(unit, found)
            why_not = dict(problems)
            now = self.worker.clock.now()
            for row in unit.rows:
                why = why_not.get(row.entry_uuid)
                if why == STILL_RUNNING:  # reopened after it was submitted: its end queues it
                    outbox_records.record_retry(
                        self.conn, row.backend, [row.entry_uuid], why,
                        next_attempt_at=now + timedelta(seconds=IDLE_S), now=now, count=False,
                    )  # fmt: skip
                elif why is not None:
                    submission.failed(
                        self.conn, row.backend, row.entry_uuid, row.revision, why,
                        said=english(why), now=now,
                    )  # fmt: skip
                    self.refused += 1
            rest = tuple(r for r in unit.rows if r.entry_uuid not in why_not)
            if rest:
                self.sender.send(replace(unit, rows=rest), values)

        return send

    def ripple(self) -> None:
        """Entries whose price moved with this pass's changes are queued again."""
        assert self.sender is not None
        moved = self.context.rippled(self.sender.digest)
        if moved:
            log.info("%d synced entries changed price: queued again", len(moved))
            submission.requeue(
                self.conn, self.context.config.identity, moved,
                now=self.worker.clock.now(), reason="sync: its price changed",
            )  # fmt: skip

    def attempt(self, pending: list[str], work: Callable[[], None]) -> bool:
        """Run one unit of work; its success or failure becomes the backend's state (the
        rows a failure leaves unresolved keep waiting). False: the pass must stop."""
        clock = self.worker.clock
        now = clock.now()
        self.state = replace(self.state, last_attempt_at=now)
        if self.sender is not None:
            self.sender.pending = set(pending)
        try:
            work()
        except Exception as error:  # every failure is recorded; none loses a row
            left = pending if self.sender is None else sorted(self.sender.pending)
            self.state = self.worker.failure(self.conn, self.state, error, left)
            sync_backends.save_backend_state(self.conn, self.state, now=clock.now())
            return False
        self.state = replace(
            self.state, failures=0, retry_at=None, problem=None, problem_reason=None,
            last_success_at=now,
        )  # fmt: skip
        sync_backends.save_backend_state(self.conn, self.state, now=clock.now())
        return True
