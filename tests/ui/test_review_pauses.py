"""Pauses in the review window (#11 items 3 and 6), driven through its widgets on the real
store and the real billing engine: a pause added from–to and removed, two pieces joined as
one call and split again at their pause, the store's refusals shown, every unanswered idle
suggestion listed and answered with one click — each change audited with who decided and
re-priced at once, the totals equal to what the one pricing path (the export's) gives for
the stored entries. Also the words: the table's duration, "why this amount" for pauses and
the after-hours minimum (English and German), and the bar's gap and hatch on the timeline.

The fixture day is tests/ui/test_review_window.py's (90.00/h, 15-min increments, free under
10 min, Mon–Fri 08–17, after hours ×1.5); beta1 is Beta Bau 09:20–09:50 (30 min, 45.00).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton

from tests.services.review_support import row
from tests.ui.test_review_window import World, at
from trayclock.domain.entry import Entry
from trayclock.domain.model import AfterHoursCause, Why
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState
from trayclock.services.pricing import price_stored_range
from trayclock.services.review.rows import DayView
from trayclock.store import audit
from trayclock.store import entries as entries_repo
from trayclock.store import pauses as store_pauses
from trayclock.ui.i18n import install_translations
from trayclock.ui.review.explain import explain_row
from trayclock.ui.review.pause_texts import duration_with_pauses
from trayclock.ui.review.table_model import Column
from trayclock.ui.review.timeline import TimelineWidget
from trayclock.ui.review.timeline_pauses import GAP_FILL

REVIEW = "technician (review)"


@pytest.fixture
def world(qtbot, tmp_path: Path) -> Iterator[World]:
    w = World(qtbot, tmp_path)
    yield w
    w.close()


def piece(world: World, uuid: str, start: str, end: str, partner: str = "Beta Buero") -> None:
    """Another entry of Beta Bau on the fixture day (a piece of a call cut in two)."""
    beta1 = world.stored("beta1")
    entry = beta1.with_changes(uuid=uuid, start=at(start), end=at(end), partner_name=partner)
    entries_repo.insert(world.conn, entry, reason="test", now=world.clock.now())


def reload(world: World) -> None:
    with world.qtbot.waitSignal(world.window.priced, timeout=5000):
        world.window.reload()


def exported(world: World) -> dict[str, tuple[int, Decimal]]:
    """Each customer's billed minutes and amount for the day, as `trayclock export` prices
    the stored entries (services.pricing: the one pricing path and its history)."""
    day = price_stored_range(world.conn, at("00:00"), at("23:59"), now=world.clock.now())
    return {
        (t.customer.name if t.customer else ""): (t.billed_minutes, t.amount) for t in day.totals
    }


def shown(view: DayView) -> dict[str, tuple[int, Decimal]]:
    return {t.customer: (t.billed_minutes, t.amount) for t in view.totals}


def pause_reasons(world: World, uuid: str) -> list[str]:
    return [r.reason for r in audit.history(world.conn, uuid) if r.field == "pause"]


def cell(world: World, uuid: str, column: Column) -> str:
    model = world.window.model
    index = model.index(model.row_of(uuid), column)
    return str(model.data(index))


# ---- the words -------------------------------------------------------------------------------


def test_why_this_amount_says_the_pause_and_the_after_hours_minimum(qapp) -> None:
    paused = row(
        "p", "09:00", "10:00", paused_minutes=20.0, billed_minutes=45, amount=Decimal("67.50"),
        currency="EUR",
        explanation=(
            (Why.PAUSED, Fraction(40), Fraction(20)),
            (Why.ROUNDED_UP, Fraction(40), Fraction(45)),
        ),
    )  # fmt: skip
    assert explain_row(paused) == (
        "40 min worked (20 min paused), rounded up to 45 min → 45 min billed, 67.50 EUR"
    )
    exact = row(
        "x", "09:00", "10:00", paused_minutes=15.0, billed_minutes=45, amount=Decimal("67.50"),
        currency="EUR", explanation=((Why.PAUSED, Fraction(45), Fraction(15)),),
    )  # fmt: skip
    assert explain_row(exact).startswith("45 min worked (15 min paused) → 45 min billed")
    late = row(
        "late", "18:00", "18:20", billed_minutes=60, amount=Decimal("135.00"), currency="EUR",
        explanation=(
            (Why.ROUNDED_UP, Fraction(20), Fraction(30)),
            (Why.AFTER_HOURS_MINIMUM, Fraction(60)),
            (Why.AFTER_HOURS, "1.5", AfterHoursCause.AFTER_CLOSING),
        ),
    )  # fmt: skip
    assert explain_row(late) == (
        "20 min rounded up to 30 min; after hours: at least 1 h; after hours ×1.5 (after "
        "closing) → 1 h billed, 135.00 EUR"
    )
    idle = EntryPause(at("09:10"), at("09:22"), PauseState.SUGGESTED, PauseOrigin.IDLE)
    asked = row(
        "s", "09:00", "09:30", billed_minutes=30, amount=Decimal("45.00"), currency="EUR",
        pauses=(idle,),
    )  # fmt: skip
    assert explain_row(asked).endswith("; idle 12 min suggested as a pause: billed until accepted")
    assert duration_with_pauses(asked) == "30 min · idle 12 min (suggested)"
    assert duration_with_pauses(row("d", "09:00", "09:55", paused_minutes=30.0)) == (
        "25 min, 30 min paused"
    )


def test_the_pause_words_speak_german(qapp) -> None:
    installed = install_translations(QCoreApplication.instance(), QLocale(QLocale.Language.German))
    try:
        paused = row(
            "p", "09:00", "10:00", paused_minutes=20.0, billed_minutes=45,
            amount=Decimal("67.50"), currency="EUR",
            explanation=(
                (Why.PAUSED, Fraction(40), Fraction(20)),
                (Why.ROUNDED_UP, Fraction(40), Fraction(45)),
                (Why.AFTER_HOURS_MINIMUM, Fraction(60)),
            ),
        )  # fmt: skip
        why = explain_row(paused)
        assert why.startswith("40 Min. gearbeitet (20 Min. Pause), aufgerundet auf 45 Min.")
        assert "außerhalb der Geschäftszeit: mindestens 1 Std." in why
        assert duration_with_pauses(paused) == "40 Min., 20 Min. Pause"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_a_pause_is_a_gap_in_its_bar_and_a_suggestion_is_hatched(qtbot) -> None:
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(1200, 200)
    accepted = EntryPause(at("08:20"), at("08:50"))
    suggested = EntryPause(at("11:00"), at("12:50"), PauseState.SUGGESTED, PauseOrigin.IDLE)
    view = DayView(
        at("00:00").date(), at("00:00").date(), at("00:00").tzinfo,
        (
            row("p", "08:00", "09:00", paused_minutes=30.0, pauses=(accepted,)),
            row("s", "10:00", "13:00", pauses=(suggested,)),
            row("plain", "14:00", "17:00"),
        ),
    )  # fmt: skip
    timeline.set_view(view)
    image = timeline.grab().toImage()
    colour = timeline.colours.colour("Acme")

    def at_minute(bar_id: str, minute: float, dy: int = 8) -> QColor:
        bar = timeline.bar_rect(bar_id)
        assert bar is not None
        x = bar.left() + bar.width() * minute / timeline._view.row(bar_id).minutes
        return image.pixelColor(int(x), int(bar.top()) + dy)

    def most_of(bar_id: str, minute: float) -> QColor:
        """The colour of most of the bar's height there (its label aside)."""
        found = [at_minute(bar_id, minute, dy).name() for dy in range(2, 38)]
        return QColor(Counter(found).most_common(1)[0][0])

    assert most_of("p", 10) == colour  # worked
    assert most_of("p", 35) == QColor(GAP_FILL)  # paused: a gap, nothing drawn
    assert most_of("p", 55) == colour
    # Right of the labels: the suggestion keeps the bar's colour, hatched with dark lines
    # (still billed); a bar without pauses is plain.
    spots = [(100 + m / 2, dy) for m in range(0, 120) for dy in (10, 14, 20, 26)]
    hatch = [at_minute("s", minute, dy) for minute, dy in spots]
    assert any(c.lightness() < 100 for c in hatch) and any(c == colour for c in hatch)
    assert all(at_minute("plain", minute, dy) == colour for minute, dy in spots)
    assert timeline.bar_lines(view.rows[0])[1].startswith("30 min")  # worked, not 1 h


@pytest.mark.parametrize("width", [1200, 900, 600])
def test_the_legend_wraps_rather_than_cutting_its_last_words(qtbot, width: int) -> None:
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.set_view(DayView(at("00:00").date(), at("00:00").date(), at("00:00").tzinfo, ()))
    timeline.resize(width, timeline.height())
    timeline.show()
    qtbot.waitUntil(lambda: timeline.width() == width)
    metrics = timeline.fontMetrics()
    marks, places = timeline.legend_marks(), timeline.legend_places()
    assert [label for _, label in marks][-2:] == ["pause", "idle, suggested"]
    for (_, label), (x, _line) in zip(marks, places, strict=True):
        assert x + 24 + metrics.horizontalAdvance(label) <= width, label
    lines = max(line for _, line in places) + 1
    assert (lines > 1) == (width < 1000)  # the English legend is about 950 px wide
    # Its last line is painted inside the widget: the widget grew by a line per line.
    image = timeline.grab().toImage()
    last_y = image.height() - 10
    dark = [x for x in range(width) if image.pixelColor(x, last_y).lightness() < 120]
    assert dark, "nothing painted on the legend's last line"


# ---- adding and removing a pause --------------------------------------------------------------


def test_a_pause_added_and_removed_in_the_panel_is_audited_and_priced_at_once(
    world: World,
) -> None:
    world.click_row("beta1")
    pauses = world.window.panel.pauses
    assert pauses.list.count() == 1 and pauses.selected_pause() is None  # "No pauses"
    pauses.from_edit.setTime(QTime(9, 30))
    pauses.to_edit.setTime(QTime(9, 45))
    world.click(pauses.add_button)
    (pause,) = world.stored("beta1").pauses
    assert (pause.start, pause.end, pause.state) == (at("09:30"), at("09:45"), PauseState.ACCEPTED)
    assert pause_reasons(world, "beta1") == [f"pause added by {REVIEW}"]
    beta1 = world.row("beta1")
    assert (beta1.paused_minutes, beta1.billed_minutes, beta1.amount) == (15, 15, Decimal("22.50"))
    assert shown(world.window.view) == exported(world)
    assert shown(world.window.view)["Beta Bau"][1] == Decimal("90.00")  # 112.50 − 22.50
    assert cell(world, "beta1", Column.DURATION) == "15 min, 15 min paused"
    why = world.window.panel.why_label.text()
    assert "15 min worked (15 min paused)" in why and "22.50 EUR" in why
    assert world.window.selected_ids() == ["beta1"]
    assert "09:30–09:45 (15 min) · paused, not billed" in pauses.list.item(0).text()
    # the gap on the bar
    bar = world.window.timeline.bar_rect("beta1")
    image = world.window.timeline.grab().toImage()
    gap_x = bar.left() + bar.width() * (17.5 / 30)
    assert image.pixelColor(int(gap_x), int(bar.top()) + 6) == QColor(GAP_FILL)

    assert pauses.select_pause(pause.id)
    world.click(pauses.remove_button)
    assert world.stored("beta1").pauses == ()
    assert pause_reasons(world, "beta1")[-1] == f"pause removed by {REVIEW}"
    assert world.row("beta1").amount == Decimal("45.00")
    assert shown(world.window.view) == exported(world)
    assert cell(world, "beta1", Column.DURATION) == "30 min"


def test_the_store_refuses_a_pause_outside_over_another_or_leaving_no_work(
    world: World,
) -> None:
    world.click_row("beta1")
    pauses = world.window.panel.pauses
    problems: list[str] = []
    world.window.problem.connect(problems.append)
    before = shown(world.window.view)
    for low, high, words in (
        ((9, 10), (9, 30), "must lie inside the entry"),
        ((9, 20), (9, 50), "leave no worked time"),
        ((9, 40), (9, 35), "must end after it starts"),
    ):
        pauses.from_edit.setTime(QTime(*low))
        pauses.to_edit.setTime(QTime(*high))
        pauses.add_button.click()
        assert words in problems[-1]
        assert words in world.window.banner.text()
    assert world.stored("beta1").pauses == () and pause_reasons(world, "beta1") == []
    pauses.from_edit.setTime(QTime(9, 25))
    pauses.to_edit.setTime(QTime(9, 35))
    world.click(pauses.add_button)
    pauses.from_edit.setTime(QTime(9, 30))
    pauses.to_edit.setTime(QTime(9, 40))
    pauses.add_button.click()
    assert "overlaps the pause" in problems[-1]
    assert len(world.stored("beta1").pauses) == 1
    assert world.row("beta1").paused_minutes == 10  # 20 min worked: still 30 billed
    assert shown(world.window.view) == before == exported(world)


# ---- one call: joined, and split again ---------------------------------------------------------


def test_two_pieces_join_as_one_call_and_split_again_at_their_pause(world: World) -> None:
    # #11: "09:00–09:20 and 09:50–10:00 for what was one call pays for 45 minutes, not 30".
    piece(world, "first", "15:00", "15:20")
    piece(world, "second", "15:50", "16:00")
    piece(world, "other", "16:10", "16:30", partner="Beta Server")
    reload(world)
    assert world.row("first").amount + world.row("second").amount == Decimal("67.50")
    before = shown(world.window.view)
    join = world.window.panel.pauses.join_button
    world.click_row("first")
    world.click_row("other", add=True)
    assert not join.isEnabled()  # another partner: not one call
    world.click_row("first")
    assert not join.isEnabled()  # one piece
    world.click_row("second", add=True)
    assert join.isEnabled()
    world.click(join)
    assert world.window.selected_ids() == ["first"]
    joined = world.stored("first")
    assert (joined.start, joined.end) == (at("15:00"), at("16:00"))
    ((gap),) = joined.pauses
    assert (gap.start, gap.end, gap.state) == (at("15:20"), at("15:50"), PauseState.ACCEPTED)
    assert world.stored("second").discarded
    assert any(REVIEW in r for r in (x.reason for x in audit.history(world.conn, "first")))
    assert world.window.view.row("second") is None
    first = world.row("first")
    assert (first.billed_minutes, first.amount) == (30, Decimal("45.00"))  # once, 30 min
    assert shown(world.window.view) == exported(world)
    assert shown(world.window.view)["Beta Bau"][1] == before["Beta Bau"][1] - Decimal("22.50")
    assert cell(world, "first", Column.DURATION) == "30 min, 30 min paused"

    pauses = world.window.panel.pauses
    assert pauses.select_pause(gap.id)
    world.click(pauses.split_button)
    pieces = sorted(world.window.selected_ids(), key=lambda i: world.stored(i).start)
    assert len(pieces) == 2 and pieces[0] == "first"
    spans = [(world.stored(i).start, world.stored(i).end) for i in pieces]
    assert spans == [(at("15:00"), at("15:20")), (at("15:50"), at("16:00"))]
    assert all(world.stored(i).pauses == () for i in pieces)
    assert f"pause turned into a split by {REVIEW}" in " ".join(
        r.reason for r in audit.history(world.conn, "first")
    )
    assert shown(world.window.view) == exported(world) == before


# ---- idle suggestions ------------------------------------------------------------------------


def suggest(world: World, uuid: str, start: str, end: str) -> int:
    """An idle stretch suggested the way the tracker does it (store.pauses.suggest)."""
    found = store_pauses.suggest(
        world.conn, uuid, at(start), at(end), minimum=timedelta(minutes=10),
        reason="suggested by idle detection: test", now=world.clock.now(),
    )  # fmt: skip
    assert found is not None
    (pause,) = [p for p in found.pauses if p.state is PauseState.SUGGESTED and p.start == at(start)]
    assert pause.id is not None
    return pause.id


def stored_pause(entry: Entry, pause_id: int) -> EntryPause | None:
    return next((p for p in entry.pauses if p.id == pause_id), None)


def test_every_unanswered_suggestion_is_listed_and_answered_with_one_click(world: World) -> None:
    on_acme2 = suggest(world, "acme2", "14:05", "14:17")
    on_late = suggest(world, "late", "18:02", "18:14")
    on_long = suggest(world, "long", "10:20", "10:50")
    reload(world)
    bar = world.window.suggestion_bar
    assert bar.isVisible() and bar.shown_ids() == (on_long, on_acme2, on_late)
    texts = [bar.findChild(QLabel, f"suggestionText:{i}").text() for i in bar.shown_ids()]
    assert texts[1] == "Mon 23 14:05–14:17 · Idle 12 min during Acme"
    # Never priced until accepted: the day costs what it cost without them.
    assert world.row("acme2").amount == Decimal("22.50") and world.row("late").amount == Decimal(
        "67.50"
    )
    assert shown(world.window.view) == exported(world)
    assert cell(world, "acme2", Column.DURATION) == "25 min · idle 12 min (suggested)"

    # Pause (accept): acme2 works 13 min → 15, all from the hours bank's last 15.
    world.click(bar.findChild(QPushButton, f"suggestionPause:{on_acme2}"))
    pause = stored_pause(world.stored("acme2"), on_acme2)
    assert pause is not None and pause.state is PauseState.ACCEPTED
    assert pause_reasons(world, "acme2")[-1] == f"suggestion accepted by {REVIEW}"
    acme2 = world.row("acme2")
    assert (acme2.billed_minutes, acme2.covered_minutes, acme2.amount) == (15, 15, Decimal("0.00"))
    assert shown(world.window.view) == exported(world)
    assert bar.shown_ids() == (on_long, on_late)

    # Keep (reject): kept as worked time, the price unchanged, never asked again.
    world.click(bar.findChild(QPushButton, f"suggestionKeep:{on_late}"))
    pause = stored_pause(world.stored("late"), on_late)
    assert pause is not None and pause.state is PauseState.REJECTED
    assert pause_reasons(world, "late")[-1] == (
        f"suggestion rejected by {REVIEW}: kept as worked time"
    )
    assert world.row("late").amount == Decimal("67.50")
    assert shown(world.window.view) == exported(world)

    # Split: two entries, the idle stretch between them.
    world.click(bar.findChild(QPushButton, f"suggestionSplit:{on_long}"))
    assert world.stored("long").end == at("10:20")
    (rest,) = [i for i in world.window.selected_ids() if i != "long"]
    assert (world.stored(rest).start, world.stored(rest).end) == (at("10:50"), at("11:30"))
    assert shown(world.window.view) == exported(world)
    assert not bar.isVisible() and bar.shown_ids() == ()


def test_the_panel_answers_the_selected_entrys_suggestion(world: World) -> None:
    on_acme2 = suggest(world, "acme2", "14:05", "14:17")
    reload(world)
    world.click_row("acme2")
    pauses = world.window.panel.pauses
    chosen = pauses.selected_pause()
    assert chosen is not None and chosen.id == on_acme2  # what waits for an answer comes first
    assert "suggested: billed until you pause it" in pauses.list.item(0).text()
    assert pauses.accept_button.isEnabled() and pauses.reject_button.isEnabled()
    world.click(pauses.reject_button)
    pause = stored_pause(world.stored("acme2"), on_acme2)
    assert pause is not None and pause.state is PauseState.REJECTED
    assert world.row("acme2").amount == Decimal("22.50")
    assert not pauses.accept_button.isEnabled()  # answered: nothing more to accept
    assert "kept as worked time" in pauses.list.item(0).text()
