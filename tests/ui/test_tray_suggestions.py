"""Idle suggestions end to end in this process (#11 item 6): the real tracker reads a
scripted keyboard-and-mouse idle time on its heartbeat and suggests the stretch as a pause;
the tray asks at once — a notification and a submenu "Idle 42 min during Acme Dental — keep
/ pause / split" — and the open review window lists it. Pause accepts it (re-priced), Keep
rejects it (price unchanged), Split makes two entries; each audited as the tray's decision,
and the review window follows. A notification's buttons answer too (with a daemon that shows
actions: the desktop test has the real one); a late click on an answered one is dropped.

The day: 60.00/h, every started quarter hour (the store's policy), UTC.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QPushButton
from tray_world import T0, ScriptedDetection

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.domain.pauses import PauseState
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.pauses import Answer
from trayclock.services.pricing import price_stored_range
from trayclock.services.review.source import ReviewSource
from trayclock.services.tray import TrayService
from trayclock.store import audit, customers, db, entries, mappings, settings
from trayclock.store import pauses as store_pauses
from trayclock.tracker import Tracker
from trayclock.ui.notifier import Notifier
from trayclock.ui.review.window import ReviewWindow
from trayclock.ui.session_model import TrayModel
from trayclock.ui.suggestions_notify import SuggestionNotices
from trayclock.ui.tray import TrayController

POLICY = {
    "rate": "60.00",
    "currency": "EUR",
    "increment_minutes": 15,
    "review_over_minutes": None,
    "timezone": "UTC",
}
TRAY = "technician (tray)"


class Desk:
    """The technician's keyboard and mouse: the idle source the tracker reads."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.last_input = clock.now()

    def idle_seconds(self) -> float:
        return (self.clock.now() - self.last_input).total_seconds()

    def touch(self) -> None:
        self.last_input = self.clock.now()


@dataclass
class Office:
    clock: ManualClock
    conn: sqlite3.Connection
    desk: Desk
    service: TrayService
    model: TrayModel
    tray: TrayController
    review: ReviewWindow
    notes: list[tuple[str, str]]
    sessions: dict[str, RemoteSession] = field(default_factory=dict)

    def minutes(self, count: int, *, working: bool) -> None:
        """`count` minutes go by, a heartbeat after each; `working`: input as each begins."""
        for _ in range(count):
            if working:
                self.desk.touch()
            self.clock.advance(timedelta(minutes=1))
            self.model.on_heartbeat()

    def start(self, key: str) -> None:
        """A call to Acme Dental starts now (detection knows its partner: attached)."""
        now = self.clock.now()
        session = RemoteSession("anydesk", key, "111", None, now, None, Outcome.OPEN)
        self.sessions[key] = session
        self.model.on_session_event(SessionEvent(EventKind.STARTED, session, now))

    def end(self, key: str) -> None:
        now = self.clock.now()
        session = self.sessions.pop(key).with_changes(end=now, outcome=Outcome.COMPLETED)
        self.model.on_session_event(SessionEvent(EventKind.ENDED, session, now))

    def call(self, key: str) -> str:
        """A call to Acme Dental: 5 min worked, 42 min idle (lunch), 13 min worked, ended."""
        self.start(key)
        self.minutes(5, working=True)
        self.desk.touch()  # the last input before lunch
        self.minutes(42, working=False)
        self.minutes(13, working=True)
        uuid = next(r.entry.uuid for r in self.model.snapshot.running)
        self.end(key)
        return uuid

    def entry(self, uuid: str) -> Entry:
        found = entries.get(self.conn, uuid)
        assert found is not None
        return found

    def amounts(self) -> dict[str, Decimal]:
        """What each entry costs as `trayclock export` prices the store."""
        day = price_stored_range(
            self.conn,
            T0 - timedelta(hours=9),
            T0 + timedelta(hours=12),
            now=self.clock.now(),
        )
        return {r.entry.uuid: r.priced.amount for r in day.rows if r.priced is not None}

    def decided(self, uuid: str) -> list[str]:
        return [r.reason for r in audit.history(self.conn, uuid) if r.field == "pause"]


@pytest.fixture
def office(qtbot, tmp_path: Path) -> Iterator[Office]:
    clock = ManualClock(T0)
    conn = db.connect(tmp_path / "office.sqlite3")
    settings.set_policy(conn, POLICY, now=T0)
    acme = customers.upsert(conn, "acme", "Acme Dental", now=T0).id
    mappings.remember(conn, "anydesk", "111", acme, partner_name=None, now=T0)
    desk = Desk(clock)
    tracker = Tracker(conn, clock, idle_source=desk, idle_threshold_s=600)
    service = TrayService(conn, tracker, clock)
    model = TrayModel(service)
    tray = TrayController(model, dbus_notifications=False)  # the tray icon's messages
    qtbot.addWidget(tray.prompt)
    notes: list[tuple[str, str]] = []
    tray.notifier.notified.connect(lambda title, message: notes.append((title, message)))
    review = ReviewWindow(ReviewSource(conn, clock, service.events), T0.date())
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    yield Office(clock, conn, desk, service, model, tray, review, notes)
    review.close()
    review.follower.cancel()  # a reload due after the last change: for nobody now
    tray.close()
    tray.menu.deleteLater()
    conn.close()


def suggestion_menu(office: Office, pause_id: int) -> QMenu:
    subs = [a.menu() for a in office.tray.menu.actions() if a.menu() is not None]
    found = [s for s in subs if s.objectName() == f"suggestion:{pause_id}"]
    assert found, f"no menu for suggestion {pause_id}: {[s.title() for s in subs]}"
    return found[0]


def asked(office: Office, qtbot, uuid: str) -> int:
    """The suggestion of this call, as the tray and the review window ask about it."""
    (suggestion,) = [s for s in office.model.snapshot.suggestions if s.entry_uuid == uuid]
    assert (suggestion.start, suggestion.end) == (
        T0 + timedelta(minutes=5),
        T0 + timedelta(minutes=47),
    )
    title = "Idle 42 min during Acme Dental"
    assert (title, "No input 09:05–09:47: billed as worked time until you answer. Keep, "
            "pause or split: see the tray menu.") in office.notes  # fmt: skip
    menu = suggestion_menu(office, suggestion.pause_id)
    assert menu.title() == f"{title} — keep / pause / split"
    assert [a.objectName() for a in menu.actions() if a.isEnabled()] == ["keep", "pause", "split"]
    assert "1 idle stretch(es) to answer: see the menu" in office.tray.icon.toolTip()
    bar = office.review.suggestion_bar
    qtbot.waitUntil(lambda: bar.shown_ids() == (suggestion.pause_id,))
    return suggestion.pause_id


def choose(office: Office, qtbot, pause_id: int, answer: Answer) -> None:
    """The tech picks an answer in the tray menu; the review window follows."""
    action = next(
        a for a in suggestion_menu(office, pause_id).actions() if a.objectName() == str(answer)
    )
    action.trigger()  # runs once the menu has closed: wait for it
    qtbot.waitUntil(lambda: all(s.pause_id != pause_id for s in office.model.snapshot.suggestions))
    qtbot.waitUntil(lambda: office.review.suggestion_bar.shown_ids() == ())


def test_pause_accepts_the_suggestion_and_re_prices_the_call(office: Office, qtbot) -> None:
    uuid = office.call("ad-1")
    pause_id = asked(office, qtbot, uuid)
    assert office.amounts() == {uuid: Decimal("60.00")}  # never priced until accepted
    assert office.review.view.row(uuid).amount == Decimal("60.00")
    choose(office, qtbot, pause_id, Answer.PAUSE)
    (pause,) = office.entry(uuid).pauses
    assert pause.state is PauseState.ACCEPTED and pause.id == pause_id
    assert office.decided(uuid)[-1] == f"suggestion accepted by {TRAY}"
    assert office.amounts() == {uuid: Decimal("30.00")}  # 18 min worked → 30 min
    qtbot.waitUntil(lambda: office.review.view.row(uuid).amount == Decimal("30.00"))
    assert suggestion_menus(office) == []


def test_keep_rejects_it_and_the_price_stays(office: Office, qtbot) -> None:
    uuid = office.call("ad-1")
    pause_id = asked(office, qtbot, uuid)
    choose(office, qtbot, pause_id, Answer.KEEP)
    (pause,) = office.entry(uuid).pauses
    assert pause.state is PauseState.REJECTED
    assert office.decided(uuid)[-1] == f"suggestion rejected by {TRAY}: kept as worked time"
    assert office.amounts() == {uuid: Decimal("60.00")}
    assert office.review.view.row(uuid).amount == Decimal("60.00")


def test_split_makes_two_entries_with_the_idle_stretch_between(office: Office, qtbot) -> None:
    uuid = office.call("ad-1")
    pause_id = asked(office, qtbot, uuid)
    choose(office, qtbot, pause_id, Answer.SPLIT)
    first = office.entry(uuid)
    (second,) = [e for e in entries.in_range(office.conn, T0, T0 + timedelta(hours=2))
                 if e.uuid != uuid]  # fmt: skip
    assert (first.start, first.end) == (T0, T0 + timedelta(minutes=5))
    assert (second.start, second.end) == (T0 + timedelta(minutes=47), T0 + timedelta(hours=1))
    assert any(f"pause turned into a split by {TRAY}" in r.reason
               for r in audit.history(office.conn, uuid))  # fmt: skip
    assert office.amounts() == {uuid: Decimal("15.00"), second.uuid: Decimal("15.00")}
    qtbot.waitUntil(lambda: office.review.view.row(second.uuid) is not None)


def test_an_answer_in_the_review_window_takes_the_question_off_the_tray(
    office: Office, qtbot
) -> None:
    uuid = office.call("ad-1")
    pause_id = asked(office, qtbot, uuid)
    button = office.review.suggestion_bar.findChild(QPushButton, f"suggestionPause:{pause_id}")
    assert button is not None
    with qtbot.waitSignal(office.review.priced):
        button.click()
    assert office.decided(uuid)[-1] == "suggestion accepted by technician (review)"
    qtbot.waitUntil(lambda: not office.model.snapshot.suggestions)
    assert suggestion_menus(office) == []
    # A late answer from the tray (its notification still on screen) changes nothing.
    failed: list[str] = []
    office.model.command_failed.connect(failed.append)
    office.model.answer_suggestion(pause_id, Answer.KEEP)
    assert failed == [] and office.entry(uuid).pauses[0].state is PauseState.ACCEPTED


def test_the_tray_counts_worked_time_not_wall_time(office: Office, qtbot) -> None:
    office.start("ad-1")
    office.minutes(5, working=True)
    office.desk.touch()
    office.minutes(42, working=False)
    office.minutes(13, working=True)  # 1 h on the wall clock, idle suggested
    assert "— 1 h" in office.tray.tooltip(office.model.snapshot)  # a suggestion is worked
    pause_id = office.model.snapshot.suggestions[0].pause_id
    choose(office, qtbot, pause_id, Answer.PAUSE)
    tooltip = office.tray.tooltip(office.model.snapshot).splitlines()
    assert tooltip[1].endswith("— 18 min") and tooltip[-1] == "Today so far: 18 min"
    titles = [a.text() for a in office.tray.menu.actions() if a.menu() is not None]
    assert any(t.endswith("— 18 min") for t in titles), titles
    assert office.model.snapshot.today == timedelta(minutes=18)


def suggestion_menus(office: Office) -> list[str]:
    return suggestion_menus_of(office.tray)


class FakeDaemon(QObject):
    """A notification daemon that shows actions, as far as the Notifier sees one: what was
    sent, and a click on a button (the desktop test clicks the real one, dunst's)."""

    action_invoked = Signal(int, str)
    closed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.withdrawn: list[int] = []

    def send(self, title: str, body: str, *, actions=(), **_: object) -> int:
        self.sent.append((title, body, list(actions)))
        return len(self.sent)

    def withdraw(self, token: int) -> None:
        self.withdrawn.append(token)

    def click(self, token: int, key: str) -> None:
        self.action_invoked.emit(token, key)


def test_a_notifications_buttons_keep_pause_or_split(office: Office, qtbot) -> None:
    daemon = FakeDaemon()
    notifier = Notifier(office.tray.icon, dbus=daemon)  # type: ignore[arg-type]
    SuggestionNotices(notifier, office.model, office.tray)
    uuid = office.call("ad-1")
    (sent,) = [s for s in daemon.sent if s[0].startswith("Idle")]
    title, body, actions = sent
    assert title == "Idle 42 min during Acme Dental"
    assert body == (
        "No input 09:05–09:47. Keep it as worked time, pause it (not billed), or split the "
        "session there?"
    )
    assert actions == [("keep", "Keep"), ("pause", "Pause"), ("split", "Split")]  # no default
    token = daemon.sent.index(sent) + 1
    daemon.click(token, "default")  # a click on its body decides nothing
    assert office.entry(uuid).pauses[0].state is PauseState.SUGGESTED
    assert daemon.withdrawn == []
    daemon.click(token, "pause")
    assert office.entry(uuid).pauses[0].state is PauseState.ACCEPTED
    assert office.decided(uuid)[-1] == f"suggestion accepted by {TRAY}"
    assert daemon.withdrawn == [token]  # answered: off the screen


def test_a_question_answered_elsewhere_leaves_the_screen(office: Office, qtbot) -> None:
    daemon = FakeDaemon()
    notifier = Notifier(office.tray.icon, dbus=daemon)  # type: ignore[arg-type]
    SuggestionNotices(notifier, office.model, office.tray)
    uuid = office.call("ad-1")
    pause_id = asked(office, qtbot, uuid)
    token = next(i for i, sent in enumerate(daemon.sent, 1) if sent[0].startswith("Idle"))
    choose(office, qtbot, pause_id, Answer.KEEP)  # in the tray menu
    assert daemon.withdrawn == [token]
    daemon.click(token, "pause")  # too late: its buttons do nothing now
    assert office.entry(uuid).pauses[0].state is PauseState.REJECTED


def test_no_question_for_suggestions_there_before_the_tray_started(tmp_path: Path, qtbot) -> None:
    clock = ManualClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    conn = db.connect(tmp_path / "old.sqlite3")
    desk = Desk(clock)
    tracker = Tracker(conn, clock, idle_source=desk, idle_threshold_s=600)
    detect = ScriptedDetection(clock)
    service = TrayService(conn, tracker, clock)
    tracker.handle(detect.start("ad-1", "anydesk", "222"))
    for minute in range(60):
        clock.advance(timedelta(minutes=1))
        if minute > 40:
            desk.touch()
        service.heartbeat()
    assert len(service.snapshot().suggestions) == 1
    model = TrayModel(service)
    tray = TrayController(model, dbus_notifications=False)
    qtbot.addWidget(tray.prompt)
    recorded: list[object] = []
    model.suggestion_recorded.connect(recorded.append)
    model.refresh()
    assert recorded == []  # asked in the menu, not notified again
    assert suggestion_menus_of(tray) == [f"suggestion:{service.snapshot().suggestions[0].pause_id}"]
    tray.close()
    tray.menu.deleteLater()
    conn.close()


def suggestion_menus_of(tray: TrayController) -> list[str]:
    return [
        a.menu().objectName()
        for a in tray.menu.actions()
        if a.menu() is not None and a.menu().objectName().startswith("suggestion:")
    ]


def test_a_suggestion_found_long_after_its_stretch_is_not_notified(office: Office) -> None:
    # Written by another process (an import, the CLI) hours later: no "you are back" moment.
    uuid = office.call("ad-1")
    office.clock.advance(timedelta(hours=3))
    entry = office.entry(uuid)
    store_pauses.suggest(
        office.conn, uuid, entry.start + timedelta(minutes=1), entry.start + timedelta(minutes=4),
        minimum=timedelta(minutes=2), reason="imported", now=office.clock.now(),
    )  # fmt: skip
    office.notes.clear()
    office.service.events.data_changed()
    assert len(office.model.snapshot.suggestions) == 2  # both asked in the menu
    assert len(suggestion_menus(office)) == 2
    assert office.notes == []
