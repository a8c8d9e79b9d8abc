"""The review window's Qt parts on plain data: words, colours, timeline, table, worker, reminder.

The Qt-free parts (rows, lanes, overlaps, pricing) are tested in tests/services."""

from __future__ import annotations

import dataclasses
import json
import threading
from datetime import time, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from tests.services.review_support import BERLIN, DAY, FIXTURE, at, row
from tests.waiting import doorway_drained
from trayclock.domain.clock import ManualClock
from trayclock.domain.model import AfterHoursCause, Why
from trayclock.services.review.demo import fill_store
from trayclock.services.review.rows import (
    BusinessHours,
    DayView,
    ReviewRow,
    RowStatus,
)
from trayclock.services.review.source import ReviewSource
from trayclock.store import db
from trayclock.store import entries as entries_repo
from trayclock.store import settings as settings_repo
from trayclock.ui.openers import ReviewOpener
from trayclock.ui.review.colours import (
    AFTER_HOURS,
    BUSINESS_HOURS,
    CUSTOMER_COLOURS,
    UNATTACHED_FILL,
)
from trayclock.ui.review.explain import explain_row, phrase
from trayclock.ui.review.palette import CustomerColours
from trayclock.ui.review.reminder import ReviewReminder
from trayclock.ui.review.table_model import Column, ReviewTableModel
from trayclock.ui.review.timeline import TimelineWidget
from trayclock.ui.review.worker import PricingRunner

# A pricing result of a generation that never began: the runner drops it.
STALE_RESULT = (-1, None, "")


def view_of(*rows: ReviewRow) -> DayView:
    return DayView(
        DAY,
        DAY,
        BERLIN,
        tuple(rows),
        business_hours=BusinessHours(time(8), time(17)),
        currency="EUR",
    )


# ---- explanation codes in plain words --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ((Why.FREE_UNDER, Fraction(10)), "free: under 10 min"),
        ((Why.ROUNDED_UP, Fraction(16), Fraction(30)), "16 min rounded up to 30 min"),
        ((Why.ROUNDED_DOWN, Fraction(95, 2), Fraction(45)), "48 min rounded down to 45 min"),
        ((Why.AFTER_HOURS, "1.5", AfterHoursCause.CLOSED_DAY), "after hours ×1.5 (closed day)"),
        ((Why.REVIEW_OVER, Fraction(60)), "over 1 h: approve it to bill it"),
        ((Why.MINIMUM_MINUTES, Fraction(15)), "raised to the minimum of 15 min"),
        ((Why.CONCURRENCY_REDUCED, Fraction(30), Fraction(45, 2)), "23 min after sharing"),
        ((Why.CONTRACT_EXHAUSTED,), "contract used up"),
        ((Why.NON_BILLABLE,), "marked non-billable"),
        (("something_new", 3), "something_new 3"),
    ],
)
def test_each_code_reads_as_words(qapp, code, words) -> None:
    assert words in phrase(code)


def test_contract_words_name_the_kind_of_contract(qapp) -> None:
    covered = (Why.CONTRACT_COVERED, Fraction(20))
    assert phrase(covered, contract_period="once") == "20 min from the hours bank"
    assert phrase(covered, contract_period="month") == "20 min from the monthly quota"
    assert phrase((Why.MINIMUM_CHARGE, "35.00"), "EUR") == "minimum charge 35.00 EUR"


def test_a_whole_sentence_ends_with_what_is_billed(qapp) -> None:
    why = ((Why.ROUNDED_UP, Fraction(20), Fraction(30)), (Why.AFTER_HOURS, "1.5", "after_closing"))
    late = row(
        "late", "18:00", "18:20", billed_minutes=30, amount=Decimal("67.50"), currency="EUR",
        explanation=why,
    )  # fmt: skip
    assert explain_row(late) == (
        "20 min rounded up to 30 min; after hours ×1.5 (after closing) → 30 min billed, 67.50 EUR"
    )
    merged = row(
        "m", "09:10", "09:20", status=RowStatus.MERGED, explanation=((Why.MERGED_INTO, "e1"),)
    )
    assert "counted in the session of 09:00" in explain_row(merged, {"e1": "09:00"})
    assert "attach one" in explain_row(row("u", "09:00", "09:20", customer=None))


# ---- lanes and colours -----------------------------------------------------------------------


def test_customers_get_distinct_stable_colours(qapp) -> None:
    names = [f"Customer {n}" for n in range(len(CUSTOMER_COLOURS))]
    colours = CustomerColours(names)
    assert len({colours.colour(n).name() for n in names}) == len(names)
    again = CustomerColours(reversed(names))
    assert all(colours.colour(n) == again.colour(n) for n in names)
    assert colours.colour(None) == QColor(UNATTACHED_FILL)


# ---- timeline --------------------------------------------------------------------------------


def test_timeline_draws_bars_lanes_shading_and_overlap_marks(qtbot) -> None:
    colours = CustomerColours(["Acme", "Beta"])
    timeline = TimelineWidget(colours)
    qtbot.addWidget(timeline)
    timeline.resize(1200, 200)
    timeline.set_view(
        view_of(
            row("a", "09:00", "09:40", overlaps_with=("b",)),
            row("b", "09:20", "09:50", customer="Beta", overlaps_with=("a",)),
            row("u", "12:00", "12:20", customer=None),
            row("late", "18:00", "18:20"),
        )
    )
    a, b, u, late = (timeline.bar_rect(i) for i in ("a", "b", "u", "late"))
    assert a.left() < b.left() < u.left() < late.left()
    assert a.top() != b.top() and u.top() == a.top()  # b needs a second lane
    image = timeline.grab().toImage()
    assert image.pixelColor(a.center().toPoint() + QPoint(-30, 0)) == colours.colour("Acme")
    # business hours are shaded, the evening is not
    y = int(late.bottom()) + 8
    assert image.pixelColor(int(u.right()) + 40, y) == QColor(BUSINESS_HOURS)
    assert image.pixelColor(int(late.right()) + 20, y) == QColor(AFTER_HOURS)
    # the overlap is framed in red where the two bars share time (09:20–09:40)
    overlap_x = int((b.left() + a.right()) / 2)
    reds = [image.pixelColor(overlap_x, y) for y in range(int(a.top()) - 1, int(b.bottom()) + 1)]
    assert any(c.red() > 180 and c.green() < 90 for c in reds)
    # the unattached bar is white with a red dashed frame
    assert image.pixelColor(int(u.left()) + 1, int(u.center().y())).red() > 150


def test_timeline_clicks_select_and_ctrl_adds(qtbot) -> None:
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(1200, 200)
    timeline.set_view(view_of(row("a", "09:00", "10:00"), row("b", "11:00", "12:00")))
    timeline.show()
    qtbot.waitExposed(timeline)
    with qtbot.waitSignal(timeline.selection_changed) as blocker:
        qtbot.mouseClick(
            timeline, Qt.MouseButton.LeftButton, pos=timeline.bar_rect("a").center().toPoint()
        )
    assert blocker.args == [["a"]]
    with qtbot.waitSignal(timeline.selection_changed) as blocker:
        qtbot.mouseClick(
            timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
            timeline.bar_rect("b").center().toPoint(),
        )  # fmt: skip
    assert blocker.args == [["a", "b"]]
    timeline.set_selected_ids(["b"])  # from the table: no signal back
    assert timeline.selected_ids() == ["b"]


def test_week_view_has_a_band_per_day(qtbot) -> None:
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(1200, 200)
    monday = row("a", "09:00", "10:00")
    tuesday = dataclasses.replace(
        monday, id="t", start=monday.start + timedelta(days=1), end=monday.end + timedelta(days=1)
    )
    week = DayView(DAY, DAY + timedelta(days=6), BERLIN, (monday, tuesday))
    timeline.set_view(week)
    assert timeline.bar_rect("t").top() > timeline.bar_rect("a").bottom()
    assert timeline.bar_rect("t").left() == timeline.bar_rect("a").left()


# ---- table model -----------------------------------------------------------------------------


def test_table_shows_rows_and_turns_edits_into_requests(qtbot) -> None:
    model = ReviewTableModel()
    billed = row(
        "a", "09:00", "09:22", billed_minutes=30, amount=Decimal("42.50"), overlaps_with=("u",)
    )
    loose = row("u", "09:10", "09:20", customer=None, overlaps_with=("a",))
    model.set_view(view_of(billed, loose))
    text = lambda r, c: model.data(model.index(r, c))  # noqa: E731
    assert [text(0, c) for c in (Column.START, Column.END, Column.DURATION, Column.AMOUNT)] == [
        "⚠ 09:00", "09:22", "22 min", "42.50",
    ]  # fmt: skip
    assert text(1, Column.CUSTOMER) == "— attach —" and text(1, Column.STATUS) == "no customer"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.flags(model.index(0, Column.CUSTOMER)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, Column.AMOUNT)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.edit_requested) as blocker:
        model.setData(model.index(1, Column.CUSTOMER), "Beta")
    assert blocker.args == ["u", "customer", "Beta"]
    with qtbot.waitSignal(model.edit_requested) as blocker:
        model.setData(
            model.index(0, Column.BILLABLE),
            Qt.CheckState.Unchecked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    assert blocker.args == ["a", "billable", False]
    with qtbot.assertNotEmitted(model.edit_requested):
        model.setData(model.index(0, Column.NOTES), "")  # unchanged: nothing to ask


# ---- the worker ------------------------------------------------------------------------------


def test_a_stale_pricing_result_is_dropped(qtbot) -> None:
    runner = PricingRunner()
    release = threading.Event()
    results: list[tuple[int, object]] = []
    runner.finished.connect(lambda generation, result: results.append((generation, result)))

    def slow() -> str:
        release.wait(5)
        return "old"

    runner.submit(runner.begin(), slow)
    runner.submit(runner.begin(), lambda: "new")  # generation 2: the first is stale now
    release.set()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass
    runner.wait()
    doorway_drained(qtbot, runner.doorway, STALE_RESULT)  # the old result has come, and gone
    assert results == [(2, "new")]


def test_a_failing_job_reports_instead_of_dying(qtbot) -> None:
    runner = PricingRunner()

    def broken() -> None:
        raise ValueError("policy: rate: not a decimal")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(runner.begin(), broken)
    assert blocker.args == [1, "policy: rate: not a decimal"]


# ---- the reminder ----------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path):
    clock = ManualClock(at("16:00"))
    conn = db.connect(tmp_path / "reminder.sqlite3")
    fill_store(conn, json.loads(FIXTURE.read_text()), clock.now())
    yield conn, clock
    conn.close()


def test_the_reminder_fires_once_after_the_set_time_while_work_is_unreviewed(qtbot, store) -> None:
    conn, clock = store
    source = ReviewSource(conn, clock)
    settings_repo.put(conn, settings_repo.UI, {"review_reminder": "17:30"}, now=clock.now())
    reminder = ReviewReminder(clock, source.has_unreviewed, source.reminder_time, source.zone)
    assert source.reminder_time() == time(17, 30)
    assert not reminder.check()  # 16:00: too early
    clock.set(at("17:31"))
    with qtbot.waitSignal(reminder.due, timeout=2000) as blocker:
        reminder.start()  # past the time already: at once
    assert blocker.args == [DAY]
    assert not reminder.check()  # once a day
    # Next, tomorrow's 17:30 (within the millisecond the timer is counted in).
    assert abs(reminder.next_at - (at("17:30") + timedelta(days=1))) < timedelta(seconds=1)
    reminder.stop()
    assert reminder.next_at is None
    title, text = ReviewReminder.message(DAY)
    assert title == "Review your day" and "Monday 23 November" in text


def test_the_reminder_waits_on_one_timer_set_for_its_moment(qtbot, store) -> None:
    # Nothing ticks until the reminder time: one single-shot timer, set for 17:30, which
    # asks whether the day needs review only when it fires.
    from PySide6.QtCore import QTimer

    conn, clock = store
    asked: list[object] = []

    def needs_review(day: object) -> bool:
        asked.append(day)
        return True

    settings_repo.put(conn, settings_repo.UI, {"review_reminder": "17:30"}, now=clock.now())
    reminder = ReviewReminder(clock, needs_review, source_at(conn), ReviewSource(conn, clock).zone)
    reminder.start()  # 16:00
    (timer,) = reminder.findChildren(QTimer)
    assert timer.isActive() and timer.isSingleShot()
    assert abs(reminder.next_at - at("17:30")) < timedelta(seconds=1)
    assert asked == []  # not asked before its time
    clock.set(at("17:29:59.950"))
    reminder.on_heartbeat()  # the heartbeat sets it again from the wall clock: 50 ms left
    clock.set(at("17:30"))
    with qtbot.waitSignal(reminder.due, timeout=2000) as blocker:
        pass  # the timer itself fires
    assert blocker.args == [DAY] and asked == [DAY]
    # A changed reminder time is taken at the next heartbeat.
    settings_repo.put(conn, settings_repo.UI, {"review_reminder": "09:00"}, now=clock.now())
    reminder.on_heartbeat()
    assert abs(reminder.next_at - (at("09:00") + timedelta(days=1))) < timedelta(seconds=1)
    settings_repo.put(conn, settings_repo.UI, {"review_reminder": None}, now=clock.now())
    reminder.on_heartbeat()
    assert reminder.next_at is None  # reminders off: no timer at all
    reminder.stop()


def source_at(conn):  # the reminder time, as the app reads it (the `ui` setting)
    from trayclock.services.ui_prefs import reminder_time

    return lambda: reminder_time(conn)


def test_no_reminder_when_the_day_is_reviewed_or_reminders_are_off(qtbot, store) -> None:
    conn, clock = store
    source = ReviewSource(conn, clock)
    source.submit([e.uuid for e in entries_repo.of_day(conn, DAY, BERLIN)])
    clock.set(at("18:00"))
    reminder = ReviewReminder(clock, source.has_unreviewed, source.reminder_time, source.zone)
    assert not reminder.check()
    settings_repo.put(conn, settings_repo.UI, {"review_reminder": None}, now=clock.now())
    assert source.reminder_time() is None
    clock.set(at("18:00") + timedelta(days=1))
    off = ReviewReminder(clock, lambda day: True, source.reminder_time, source.zone)
    assert not off.check()


def test_the_opener_keeps_one_window(qtbot, store) -> None:
    conn, clock = store
    opener = ReviewOpener(lambda: ReviewSource(conn, clock))
    first = opener()
    assert first.isVisible() and first.day == DAY
    assert opener(DAY + timedelta(days=1)) is first and first.day == DAY + timedelta(days=1)
    # Hidden and shown again (not closed): the same window, which reads the store again.
    first.hide()
    tomorrow = timedelta(days=1)
    later = entries_repo.get(conn, "acme2").with_changes(
        uuid="new", start=at("16:00") + tomorrow, end=at("16:20") + tomorrow
    )
    entries_repo.insert(conn, later, reason="test: tracker", now=clock.now())
    with qtbot.waitSignal(first.priced, timeout=5000):
        first.show()
    assert "new" in first.view.index
    # Closed: deleted with what it read; the next open builds a new one on the store.
    first.close()
    qtbot.waitUntil(lambda: opener.window is None, timeout=5000)
    again = opener(DAY + tomorrow)
    assert again.isVisible() and again.day == DAY + tomorrow
    qtbot.waitUntil(lambda: again.view is not None and "new" in again.view.index, timeout=5000)
    again.close()
