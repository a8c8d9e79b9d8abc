"""The tray's live state: reads the tray service, and turns what changed into past-tense Qt signals.

Every command and every detection event goes through here; after each one the snapshot is
read again and compared with the last one, so the prompt, the "attached by itself" note
and the overlap notice come from what the store now holds, whatever path changed it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, Signal

from trayclock.domain.session import SessionEvent
from trayclock.services.pauses import Answer
from trayclock.services.store_events import ChangeKind, StoreChange
from trayclock.services.tray_types import (
    SYNC_FAILING,
    AttachRequest,
    TrayPort,
    TraySnapshot,
    overlapping_pairs,
)
from trayclock.ui.icons import TrayState
from trayclock.ui.sync_words import NEEDS_PASSWORD

log = logging.getLogger(__name__)

# An idle suggestion is announced (a notification) when it is new and its stretch ended
# this recently: the tracker suggests at the heartbeat after input came back, "the moment
# the tech returns". One found later (imported, written by another process) is asked in
# the menu and the review window only.
ASK_WITHIN = timedelta(minutes=10)


def tray_state(snapshot: TraySnapshot) -> TrayState:
    """The one state the icon shows: what needs the tech's hand now outranks what can wait."""
    rows = [row for row in snapshot.running if not row.entry.attempt]
    if snapshot.unattached or any(row.waiting for row in rows):
        return TrayState.WAITING
    if overlapping_pairs(snapshot, distinct_customers_only=True):
        return TrayState.OVERLAP
    if snapshot.sync.state == SYNC_FAILING:
        return TrayState.SYNC_PROBLEM
    if snapshot.detection_paused:
        # Above "running": a tech who forgot the pause would miss every new session.
        return TrayState.PAUSED
    if rows:
        return TrayState.RUNNING
    return TrayState.IDLE


class TrayModel(QObject):
    """Owns the current snapshot; every change in it is announced once."""

    changed = Signal(object)  # TraySnapshot
    customer_needed = Signal(object)  # SessionRow: a new session with an unknown partner
    auto_attached = Signal(object)  # SessionRow: a known partner, attached by itself
    # (SessionRow, ...) every customer's running row at once, oldest first; concurrency policy
    overlap_started = Signal(object, str)
    same_customer_overlap = Signal(object, object)  # SessionRow, SessionRow: billed once
    command_failed = Signal(str)  # a command the tech gave could not be carried out
    sync_password_needed = Signal(object)  # SyncHealth: the backend refused the login
    suggestion_recorded = Signal(object)  # Suggestion: an idle stretch just suggested

    def __init__(self, service: TrayPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._snapshot = service.snapshot()
        self._attaching: str | None = None
        self._detecting = False  # refreshing after a detection event
        self._announced_pairs: set[frozenset[str]] = {
            frozenset((a.entry.uuid, b.entry.uuid))
            for a, b in overlapping_pairs(self._snapshot, distinct_customers_only=False)
        }
        # Suggestions already asked about (or there at start: the menu lists them).
        self._asked = {s.pause_id for s in self._snapshot.suggestions}
        unsubscribe = service.events.subscribe(self.on_store_changed)
        self.destroyed.connect(lambda *_: unsubscribe())

    @property
    def snapshot(self) -> TraySnapshot:
        return self._snapshot

    # -- detection (arrives through the doorway, on the GUI thread)
    def on_session_event(self, event: SessionEvent) -> None:
        try:
            self.service.handle(event)
        except Exception:  # one bad event must not take the tray down; the log keeps it
            log.exception("tracker refused %s", event.kind)
        self._detecting = True
        try:
            self.refresh()
        finally:
            self._detecting = False

    def on_store_changed(self, change: StoreChange) -> None:
        """Another window wrote to the store (the review attached a customer, a settings
        save): show it. The tray's own writes are followed where they are made."""
        if change.origin is not self.service and change.kind is ChangeKind.DATA:
            self.refresh()

    def on_heartbeat(self) -> None:
        try:
            self.service.heartbeat()
        except Exception:
            log.exception("heartbeat failed")
        self.refresh()

    # -- commands from the menu and the prompt
    def attach(self, request: AttachRequest) -> None:
        self._attaching = request.entry_uuid  # the tech's own choice: no "attached" notice
        try:
            self._command(self.service.attach, request)
        finally:
            self._attaching = None

    def set_notes(self, uuid: str, notes: str) -> None:
        self._command(self.service.set_notes, uuid, notes)

    def set_ticket(self, uuid: str, ticket: str | None) -> None:
        self._command(self.service.set_ticket, uuid, ticket)

    def set_billable(self, uuid: str, billable: bool) -> None:
        self._command(self.service.set_billable, uuid, billable)

    def stop(self, uuid: str) -> None:
        self._command(self.service.stop, uuid)

    def start_timer(self, customer_id: int | None = None) -> None:
        self._command(self.service.start_timer, customer_id)

    def sync_now(self) -> None:
        self._command(self.service.sync_now)

    def set_detection_paused(self, paused: bool) -> None:
        self._command(self.service.set_detection_paused, paused)

    def answer_suggestion(self, pause_id: int, answer: Answer) -> None:
        """Keep, pause or split; a question answered elsewhere meanwhile (the review window,
        another click) is not asked again: the late answer is dropped."""
        if all(s.pause_id != pause_id for s in self.refresh().suggestions):
            log.info("suggestion %s was answered already; %s dropped", pause_id, answer)
            return
        self._command(self.service.answer_suggestion, pause_id, answer)

    def _command(self, command: Callable[..., object], *args: object) -> None:
        try:
            command(*args)
        except Exception as error:  # shown to the tech; the store rolled back, nothing is lost
            log.exception("command failed")
            self.command_failed.emit(str(error))
        self.refresh()

    # -- the diff
    def refresh(self) -> TraySnapshot:
        before = self._snapshot
        after = self.service.snapshot()
        self._snapshot = after
        known = {row.entry.uuid: row for row in before.running}
        # A new piece of a session that was already running (cut at a sleep) is no news.
        running_sessions = {
            (row.entry.source, row.entry.session_key)
            for row in before.running
            if row.entry.session_key is not None
        }
        for row in after.running:
            if row.entry.manual or row.entry.attempt:
                continue
            earlier = known.get(row.entry.uuid)
            if earlier is None and (row.entry.source, row.entry.session_key) in running_sessions:
                continue
            if earlier is None:
                if row.customer is None:
                    self.customer_needed.emit(row)
                else:
                    self.auto_attached.emit(row)
            elif (
                self._detecting
                and earlier.customer is None
                and row.customer is not None
                and row.entry.uuid != self._attaching
            ):
                # Detection learned the partner ID later and the mapping knew it (a customer
                # attached in the review window or by the CLI is no such news).
                self.auto_attached.emit(row)
        new_overlap = False
        for first, second in overlapping_pairs(after, distinct_customers_only=False):
            pair = frozenset((first.entry.uuid, second.entry.uuid))
            if pair in self._announced_pairs:
                continue
            self._announced_pairs.add(pair)
            assert first.customer is not None and second.customer is not None
            if first.customer.id == second.customer.id:
                self.same_customer_overlap.emit(first, second)
            else:
                new_overlap = True
        if new_overlap:
            # One notice naming everyone involved, not one per pair (three customers: one notice).
            involved = {
                row.entry.uuid: row
                for pair in overlapping_pairs(after, distinct_customers_only=True)
                for row in pair
            }
            rows = sorted(involved.values(), key=lambda r: (r.entry.start, r.entry.uuid))
            self.overlap_started.emit(tuple(rows), after.concurrency)
        running = {row.entry.uuid for row in after.running}
        self._announced_pairs = {p for p in self._announced_pairs if p <= running}
        if after.sync.problem == NEEDS_PASSWORD and before.sync.problem != NEEDS_PASSWORD:
            self.sync_password_needed.emit(after.sync)
        for suggestion in after.suggestions:
            if suggestion.pause_id not in self._asked and suggestion.end >= after.now - ASK_WITHIN:
                self.suggestion_recorded.emit(suggestion)
        self._asked = {s.pause_id for s in after.suggestions}
        self.changed.emit(after)
        return after
