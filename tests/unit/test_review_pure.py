"""The review window's Qt-free parts: the span's dates, the banner, the panel's state, the edits.

Imported and run without Qt: these modules must not need it (a subprocess checks).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.services.review_support import BERLIN, DAY, at, row
from trayclock.domain.clock import ManualClock
from trayclock.services.review.demo import fill_store
from trayclock.services.review.edits import ReviewEdits, moment_on_day, submit_plan
from trayclock.services.review.pricing import build_view, price_snapshot
from trayclock.services.review.rows import DayView, ReviewRow, RowStatus
from trayclock.services.review.source import ReviewSource
from trayclock.services.review.span import Span, parse_span, range_of, range_title, step_from
from trayclock.store import db
from trayclock.store import entries as entries_repo
from trayclock.ui.review.banner import (
    BannerWords,
    DayStatus,
    banner_html,
    day_facts,
    problem_html,
)
from trayclock.ui.review.colours import ALERT, DONE, REVIEW
from trayclock.ui.review.panel_state import panel_state

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "review" / "day.json"
PURE = (
    "trayclock.services.review.span",
    "trayclock.ui.review.banner",
    "trayclock.ui.review.panel_state",
    "trayclock.services.review.edits",
    "trayclock.ui.review.colours",
    "trayclock.services.monitor_source",
)
WORDS = BannerWords(
    unattached="1 session without a customer",
    waiting="1 long session to approve",
    running="1 session still running",
    overlaps="2 overlaps",
    empty="No entries on this day.",
    ready="Ready <now>",
    submitted="Submitted.",
)


def view_of(*rows: ReviewRow, last_day: date = DAY, overlaps: int = 0) -> DayView:
    return DayView(DAY, last_day, BERLIN, tuple(rows), overlap_pairs=overlaps)


def test_these_modules_load_without_qt() -> None:
    code = f"import sys\nfor name in {PURE!r}: __import__(name)\nprint('PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


# ---- span ------------------------------------------------------------------------------------


def test_a_span_covers_its_day_its_monday_week_or_its_month() -> None:
    wednesday = date(2026, 11, 25)
    assert range_of(wednesday, Span.DAY) == (wednesday, wednesday)
    assert range_of(wednesday, Span.WEEK) == (DAY, date(2026, 11, 29))
    assert range_of(wednesday, Span.MONTH) == (date(2026, 11, 1), date(2026, 11, 30))
    assert range_of(date(2028, 2, 10), Span.MONTH) == (date(2028, 2, 1), date(2028, 2, 29))
    assert range_of(date(2026, 12, 31), Span.MONTH) == (date(2026, 12, 1), date(2026, 12, 31))


def test_steps_move_by_a_day_a_week_or_to_the_next_month() -> None:
    assert step_from(DAY, Span.DAY, -1) == date(2026, 11, 22)
    assert step_from(DAY, Span.WEEK, 1) == date(2026, 11, 30)
    assert step_from(date(2026, 1, 31), Span.MONTH, 1) == date(2026, 2, 1)
    assert step_from(date(2026, 3, 15), Span.MONTH, -1) == date(2026, 2, 28)


def test_a_span_is_named_or_refused_with_the_choices() -> None:
    assert parse_span("week") is Span.WEEK
    with pytest.raises(ValueError, match="span must be one of day, week, month, not 'year'"):
        parse_span("year")
    assert range_title(DAY, DAY) == "Monday 23 November 2026"
    assert range_title(DAY, date(2026, 11, 29)) == "23 Nov – 29 Nov 2026"


# ---- banner ----------------------------------------------------------------------------------


def test_the_banner_names_what_is_left_to_do_first() -> None:
    view = view_of(
        row("a", "09:00", "09:40"),
        row("loose", "12:00", "12:20", customer=None),
        row("long", "10:00", "11:30", status=RowStatus.NEEDS_REVIEW),
        row("gone", "13:00", "13:10", customer=None, discarded=True),
        overlaps=2,
    )
    facts = day_facts(view)
    assert facts.status is DayStatus.QUESTIONS
    assert (facts.unattached, facts.waiting, facts.overlaps, facts.open_entries) == (1, 1, 2, 3)
    assert facts.can_submit
    text = banner_html(facts, WORDS)
    assert text.startswith("⚠ ")
    assert f"color:{ALERT}'><b>1 session without a customer" in text
    assert f"color:{REVIEW}'><b>1 long session to approve" in text
    assert text.index("without a customer") < text.index("to approve") < text.index("overlaps")


def test_a_running_session_without_a_customer_is_an_open_question() -> None:
    # #9 item 8: the header said "ready to submit" while a session had no customer.
    facts = day_facts(
        view_of(
            row("a", "08:00", "08:40"),
            row("r", "09:00", "09:40", customer=None, running=True),
        )
    )
    assert facts.status is DayStatus.QUESTIONS
    assert (facts.unattached, facts.running) == (1, 1)
    text = banner_html(facts, WORDS)
    assert "1 session without a customer" in text and "1 session still running" in text
    assert "Ready" not in text


def test_a_running_session_with_a_customer_still_keeps_the_day_from_ready() -> None:
    facts = day_facts(view_of(row("a", "08:00", "08:40"), row("r", "09:00", "09:40", running=True)))
    assert facts.status is DayStatus.QUESTIONS and facts.running == 1
    assert "Ready" not in banner_html(facts, WORDS)


def test_submit_is_blocked_by_running_and_unattached_entries() -> None:
    running = row("r", "09:00", "09:40", running=True)
    loose = row("loose", "12:00", "12:20", customer=None)
    plan = submit_plan(view_of(row("a", "08:00", "08:40"), running, loose))
    assert [r.id for r in plan.blocked] == ["r", "loose"]
    clean = submit_plan(view_of(row("a", "08:00", "08:40")))
    assert clean.blocked == () and clean.ready == ("a",)


def test_a_clean_day_is_ready_then_submitted_and_an_empty_one_says_so() -> None:
    ready = day_facts(view_of(row("a", "09:00", "09:40")))
    assert ready.status is DayStatus.READY
    assert (
        banner_html(ready, WORDS) == f"<span style='color:{DONE}'><b>✓ Ready &lt;now&gt;</b></span>"
    )
    done = day_facts(view_of(row("a", "09:00", "09:40", reviewed=True, sync_state="queued")))
    assert done.status is DayStatus.SUBMITTED and not done.can_submit
    assert "Submitted." in banner_html(done, WORDS)
    empty = day_facts(view_of(row("gone", "09:00", "09:10", discarded=True), overlaps=1))
    assert empty.status is DayStatus.EMPTY and empty.single_day
    assert banner_html(empty, WORDS) == "No entries on this day."  # no overlap note either
    assert not day_facts(view_of(last_day=date(2026, 11, 29))).single_day
    assert problem_html("a <b> tag") == f"<span style='color:{ALERT}'><b>a &lt;b&gt; tag</b></span>"


# ---- panel state -----------------------------------------------------------------------------


def test_nothing_selected_allows_nothing() -> None:
    state = panel_state([], None)
    assert state.count == 0 and state.single is None and state.when == ""
    assert not any(
        (state.times_editable, state.details_editable, state.can_attach, state.can_approve)
    )
    assert not any((state.can_merge, state.can_discard, state.can_restore))
    assert state.offers_non_billable


def test_one_entry_offers_its_local_times_and_middle() -> None:
    state = panel_state([row("a", "09:00", "09:40", status=RowStatus.NEEDS_REVIEW)], BERLIN)
    assert state.when == "09:00–09:40"
    assert (state.start, state.end, state.middle) == (time(9), time(9, 40), time(9, 20))
    assert state.times_editable and state.details_editable and state.can_approve
    assert not state.can_merge and not state.can_restore
    utc = panel_state([row("a", "09:00", "09:40")], ZoneInfo("UTC"))
    assert utc.when == "08:00–08:40"  # Berlin is UTC+1 in November


def test_a_running_or_discarded_entry_keeps_its_times() -> None:
    running = panel_state([row("r", "09:00", "09:40", running=True)], BERLIN)
    assert not running.times_editable and running.details_editable
    discarded = panel_state([row("d", "09:00", "09:40", discarded=True)], BERLIN)
    assert not discarded.times_editable and discarded.can_restore
    assert not discarded.can_attach and not discarded.can_discard


def test_many_entries_merge_and_toggle_billable_together() -> None:
    rows = [
        row("a", "09:00", "09:40"),
        row("b", "10:00", "10:30", billable=False),
        row("d", "11:00", "11:10", discarded=True),
    ]
    state = panel_state(rows, BERLIN)
    assert state.count == 3 and state.total_minutes == 80 and state.single is None
    assert state.can_merge and state.can_restore and state.can_discard
    assert not state.offers_non_billable  # one is non-billable: the action makes all billable
    assert panel_state(rows[:1], BERLIN).offers_non_billable


# ---- edits -----------------------------------------------------------------------------------


class Day:
    def __init__(self, tmp_path: Path) -> None:
        self.clock = ManualClock(at("19:00"))
        self.conn = db.connect(tmp_path / "edits.sqlite3")
        fill_store(self.conn, json.loads(FIXTURE.read_text()), self.clock.now())
        self.source = ReviewSource(self.conn, self.clock)
        self.edits = ReviewEdits(self.source)

    def view(self) -> DayView:
        snapshot = self.source.snapshot(DAY, DAY, include_discarded=True)
        return build_view(snapshot, price_snapshot(snapshot), 0)

    def rows(self, *ids: str) -> list[ReviewRow]:
        view = self.view()
        found = [view.row(i) for i in ids]
        assert all(r is not None for r in found)
        return [r for r in found if r is not None]

    def stored(self, entry_id: str) -> Any:
        entry = entries_repo.get(self.conn, entry_id)
        assert entry is not None
        return entry


@pytest.fixture
def day(tmp_path: Path) -> Iterator[Day]:
    d = Day(tmp_path)
    yield d
    d.conn.close()


def test_times_are_read_on_the_entrys_day_and_may_run_past_midnight(day: Day) -> None:
    (late,) = day.rows("late")
    assert moment_on_day(late, BERLIN, time(23, 30)) == at("23:30")
    assert day.edits.set_times([late], BERLIN, time(23, 30), time(0, 15)) == ["late"]
    stored = day.stored("late")
    assert (stored.start, stored.end) == (at("23:30"), at("00:15", DAY + timedelta(days=1)))


def test_an_edit_with_nothing_to_change_changes_nothing(day: Day) -> None:
    acme1, beta1 = day.rows("acme1", "beta1")
    assert day.edits.attach([acme1], "   ") is None
    assert day.edits.attach([], "Acme") is None
    assert day.edits.set_times([acme1, beta1], BERLIN, time(9), time(10)) is None
    assert day.edits.split([], BERLIN, time(9)) is None
    assert day.edits.merge([acme1]) is None
    assert day.edits.approve([acme1]) is None  # not awaiting approval
    assert day.edits.restore([acme1]) is None  # not discarded
    assert day.edits.save_details([acme1, beta1], "T-1", "") is None
    assert day.stored("acme1").end == at("09:40") and not day.stored("acme1").discarded


def test_edits_say_what_to_select_after_them(day: Day) -> None:
    (loose,) = day.rows("loose")
    assert day.edits.attach([loose], " Beta Bau ") == ["loose"]
    assert day.stored("loose").customer_id is not None
    (long,) = day.rows("long")
    first, second = day.edits.split([long], BERLIN, time(10, 45)) or []
    assert first == "long" and day.stored(second).start == at("10:45")
    assert day.edits.discard(day.rows("quick"), still_shown=False) == []
    assert day.stored("quick").discarded
    assert day.edits.restore(day.rows("quick")) == ["quick"]
    assert day.edits.edit_in_place("late", "notes", "called back", []) == ["late"]
    assert day.edits.edit_in_place("late", "ticket", "", ["acme1"]) == ["acme1"]
    assert day.stored("late").notes == "called back" and day.stored("late").ticket is None
    assert day.edits.save_details(day.rows("acme1"), "  ", " fixed \n") == ["acme1"]
    assert (day.stored("acme1").ticket, day.stored("acme1").notes) == (None, "fixed")


def test_billable_toggles_all_selected_one_way(day: Day) -> None:
    (late,) = day.rows("late")
    assert day.edits.toggle_billable([late]) == ["late"]
    assert day.stored("late").billable is False
    assert day.edits.toggle_billable(day.rows("late", "acme2")) == ["late", "acme2"]
    assert day.stored("late").billable is True and day.stored("acme2").billable is True


def test_submit_takes_the_decided_entries_and_counts_the_open_questions(day: Day) -> None:
    plan = submit_plan(day.view())
    assert set(plan.ready) == {"quick", "acme1", "beta1", "gamma1", "acme2", "late"}
    assert plan.waiting == 1  # "long" awaits approval
    assert [r.id for r in plan.blocked] == ["loose"]  # no customer: the window says so
    assert day.edits.submit(plan) == 6
    assert day.stored("acme1").reviewed and not day.stored("loose").reviewed
    assert submit_plan(day.view()).ready == ()
