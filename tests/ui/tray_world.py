"""The tray tests' world: the real store and tracker on a private file, detection scripted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.tray import TrayService
from trayclock.services.tray_types import SyncHealth
from trayclock.store import customers, mappings
from trayclock.ui.session_model import TrayModel
from trayclock.ui.tray import TrayController

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DETECTION_LAG = timedelta(seconds=2)


class ScriptedDetection:
    """Plays the monitor's part: builds session events the way detection would send them."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.sessions: dict[str, RemoteSession] = {}

    def start(
        self, key: str, app: str, partner_id: str | None, partner_name: str | None = None
    ) -> SessionEvent:
        # Detection reports a session a moment after it began (window poll, log line time).
        begun = self.clock.now() - DETECTION_LAG
        session = RemoteSession(app, key, partner_id, partner_name, begun, None, Outcome.OPEN)
        self.sessions[key] = session
        return SessionEvent(EventKind.STARTED, session, self.clock.now())

    def update(self, key: str, **changes: object) -> SessionEvent:
        """Detection learned more about a running session (e.g. the log gave the partner ID)."""
        session = self.sessions[key].with_changes(**changes)
        self.sessions[key] = session
        return SessionEvent(EventKind.UPDATED, session, self.clock.now())

    def end(self, key: str) -> SessionEvent:
        session = self.sessions.pop(key).with_changes(
            end=self.clock.now(), outcome=Outcome.COMPLETED
        )
        return SessionEvent(EventKind.ENDED, session, self.clock.now())


@dataclass
class TrayWorld:
    clock: ManualClock
    service: TrayService
    model: TrayModel
    tray: TrayController
    detect: ScriptedDetection
    sync: list[SyncHealth]

    def customer(self, name: str) -> int:
        key = name.lower().replace(" ", "-")
        return customers.upsert(self.service.conn, key, name, now=self.clock.now()).id

    def known(self, name: str, app: str, partner_id: str) -> int:
        """A customer whose partner is remembered: its sessions attach by themselves."""
        customer = self.customer(name)
        mappings.remember(
            self.service.conn, app, partner_id, customer, partner_name=None, now=self.clock.now()
        )
        return customer

    def send(self, event: SessionEvent) -> None:
        self.model.on_session_event(event)

    def later(self, minutes: float) -> None:
        self.clock.advance(timedelta(minutes=minutes))
