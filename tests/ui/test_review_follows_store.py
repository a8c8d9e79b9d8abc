"""The open review window follows the store: the tray's writes, settings saves, the heartbeat,
and writes from another process (the CLI), without being navigated away and back.

The real store, tracker, tray service and review window share one `StoreEvents` as the app
wires them; the review day is tests/fixtures/review/day.json (see test_review_window.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from tray_world import ScriptedDetection

from tests.services.review_support import DAY, FIXTURE, at
from tests.ui.test_review_window import World
from trayclock.domain.clock import ManualClock
from trayclock.services.review.demo import fill_store
from trayclock.services.review.rows import RowStatus
from trayclock.services.review.source import ReviewSource
from trayclock.services.store_events import StoreEvents
from trayclock.services.tray import TrayService
from trayclock.services.tray_types import AttachRequest, CustomerChoice
from trayclock.store import db
from trayclock.store import entries as entries_repo
from trayclock.store import settings as settings_repo
from trayclock.tracker import Tracker
from trayclock.ui.openers import settings_opener
from trayclock.ui.review.window import ReviewWindow

WAIT_MS = 5_000


class Open(World):
    """The review window open on the fixture day, beside the tray's service, one notice."""

    def __init__(self, qtbot, tmp_path: Path) -> None:
        self.events = StoreEvents()
        super().__init__(qtbot, tmp_path, events=self.events)
        self.service = TrayService(
            self.conn, Tracker(self.conn, self.clock), self.clock, events=self.events
        )
        self.detect = ScriptedDetection(self.clock)

    def running(self):
        return [r for r in self.window.view.rows if r.running]


@pytest.fixture
def open_review(qtbot, tmp_path: Path) -> Iterator[Open]:
    made = Open(qtbot, tmp_path)
    yield made
    made.close()


def test_an_attach_in_the_tray_prompt_shows_in_the_open_window(open_review: Open, qtbot) -> None:
    assert open_review.row("loose").status is RowStatus.UNATTACHED
    open_review.service.attach(
        AttachRequest("loose", CustomerChoice(open_review.customers["beta"], "Beta Bau"))
    )
    qtbot.waitUntil(
        lambda: open_review.row("loose").customer == "Beta Bau" and open_review.window.view.priced,
        timeout=WAIT_MS,
    )
    assert open_review.row("loose").status is RowStatus.BILLED
    assert open_review.row("loose").amount == Decimal("45.00")
    totals = {t.customer: t for t in open_review.window.view.totals}
    assert totals["Beta Bau"].amount == Decimal("157.50")  # 112.50 + the 45.00 attached


def test_a_new_session_and_its_end_show_while_open(open_review: Open, qtbot) -> None:
    open_review.service.handle(open_review.detect.start("ad-9", "anydesk", "123456789"))
    qtbot.waitUntil(lambda: len(open_review.running()) == 1, timeout=WAIT_MS)
    (running,) = open_review.running()
    assert running.status is RowStatus.RUNNING and running.customer is None
    open_review.clock.advance(timedelta(minutes=25))
    open_review.service.handle(open_review.detect.end("ad-9"))
    qtbot.waitUntil(
        lambda: not open_review.running() and open_review.window.view.row(running.id) is not None,
        timeout=WAIT_MS,
    )
    ended = open_review.row(running.id)
    assert ended.status is RowStatus.UNATTACHED and ended.minutes == pytest.approx(25, abs=0.1)


def test_the_heartbeat_moves_running_times_without_pricing_again(open_review: Open, qtbot) -> None:
    open_review.service.handle(open_review.detect.start("ad-9", "anydesk", "123456789"))
    qtbot.waitUntil(lambda: len(open_review.running()) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: open_review.window.view.priced, timeout=WAIT_MS)
    generation = open_review.window.view.generation
    (before,) = open_review.running()
    open_review.clock.advance(timedelta(minutes=10))
    open_review.service.heartbeat()
    qtbot.waitUntil(
        lambda: open_review.running()[0].end > before.end,
        timeout=WAIT_MS,
    )
    (after,) = open_review.running()
    assert after.end - before.end == timedelta(minutes=10)
    # The same pricing (no new generation): running entries get no price until they end.
    assert open_review.window.view.generation == generation
    assert open_review.row("late").amount == Decimal("67.50")


def test_a_settings_save_re_prices_the_open_window(open_review: Open, qtbot, tmp_path) -> None:
    opener = settings_opener(open_review.conn, open_review.clock, open_review.events, "data")
    settings_window = opener()
    qtbot.addWidget(settings_window)
    rate = settings_window.findChild(QWidget, "rate")
    rate.edit.selectAll()
    qtbot.keyClicks(rate.edit, "120.00")
    with qtbot.waitSignal(settings_window.saved):
        settings_window.on_save()
    qtbot.waitUntil(
        lambda: (
            open_review.window.view.priced and open_review.row("late").amount == Decimal("90.00")
        ),  # 45 min × 120/h
        timeout=WAIT_MS,
    )


def test_a_write_by_another_process_shows_at_the_heartbeat(open_review: Open, qtbot) -> None:
    # The CLI is another connection: nothing in this process announces its write.
    other = db.connect(open_review.path)
    try:
        late = entries_repo.get(other, "late")
        entries_repo.insert(
            other,
            late.with_changes(uuid="from-cli", start=at("18:30"), end=at("18:50")),
            reason="test: the CLI",
            now=open_review.clock.now(),
        )
    finally:
        other.close()
    open_review.service.heartbeat()  # nothing runs: only "running times moved"
    qtbot.waitUntil(lambda: open_review.window.view.row("from-cli") is not None, timeout=WAIT_MS)


def test_today_on_today_reads_the_store_again(qtbot, tmp_path: Path) -> None:
    clock = ManualClock(at("19:00"))
    path = tmp_path / "today.sqlite3"
    conn = db.connect(path)
    fill_store(conn, json.loads(FIXTURE.read_text()), clock.now())
    window = ReviewWindow(ReviewSource(conn, clock))  # no events at all: only the button
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.view is not None and window.view.priced)
    assert window.day == DAY
    other = db.connect(path)
    late = entries_repo.get(other, "late")
    entries_repo.insert(
        other,
        late.with_changes(uuid="new", start=at("18:30"), end=at("18:50")),
        reason="test: the CLI",
        now=clock.now(),
    )
    other.close()
    with qtbot.waitSignal(window.priced, timeout=WAIT_MS):
        qtbot.mouseClick(window.navigation.today_button, Qt.MouseButton.LeftButton)
    assert window.view.row("new") is not None
    window.close()
    conn.close()


def test_following_keeps_the_selection_and_the_scroll_position(qtbot, tmp_path: Path) -> None:
    clock = ManualClock(at("23:00"))
    conn = db.connect(tmp_path / "long.sqlite3")
    doc = json.loads(FIXTURE.read_text())

    # A long day: 120 short sessions, so the table scrolls.
    def local(minutes: int) -> str:
        return f"2026-11-23T{minutes // 60:02d}:{minutes % 60:02d}:00+01:00"

    doc["entries"] = [
        {
            "id": f"e{n:03d}",
            "customer": "beta",
            "app": "teamviewer",
            "start": local(8 * 60 + 5 * n),
            "end": local(8 * 60 + 5 * n + 3),
        }
        for n in range(120)
    ]
    customers = fill_store(conn, doc, clock.now())
    events = StoreEvents()
    service = TrayService(conn, Tracker(conn, clock), clock, events=events)
    window = ReviewWindow(ReviewSource(conn, clock, events), DAY)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.view is not None and window.view.priced)
    window.select(["e010"])
    bar = window.table.verticalScrollBar()
    assert bar.maximum() > 0, "the table should scroll"
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    service.attach(AttachRequest("e100", CustomerChoice(customers["acme"], "Acme")))
    qtbot.waitUntil(
        lambda: window.view.row("e100").customer == "Acme" and window.view.priced,
        timeout=WAIT_MS,
    )
    assert window.selected_ids() == ["e010"]
    assert bar.value() == place
    window.close()
    conn.close()


def test_a_review_edit_shows_in_the_tray(open_review: Open, qtbot) -> None:
    from trayclock.ui.session_model import TrayModel

    model = TrayModel(open_review.service)
    assert [r.entry.uuid for r in model.snapshot.unattached] == ["loose"]
    window = open_review.window
    window.select(["loose"])
    window.panel.customer_combo.setCurrentText("Acme")
    with qtbot.waitSignal(model.changed, timeout=WAIT_MS):
        window.attach_selected()
    assert model.snapshot.unattached == ()


def test_a_policy_change_in_the_store_is_one_notice(open_review: Open, qtbot) -> None:
    # Sanity of the wiring: a stored policy change plus the notice the settings window sends.
    policy = settings_repo.policy(open_review.conn)
    settings_repo.set_policy(
        open_review.conn, {**policy, "currency": "CHF"}, now=open_review.clock.now()
    )
    open_review.events.data_changed(object())
    qtbot.waitUntil(
        lambda: open_review.window.view.currency == "CHF" and open_review.window.view.priced,
        timeout=WAIT_MS,
    )
