"""How the UI words things (#9 item 17): whole minutes, one way of writing a partner ID, window
titles without the app's name twice, "is" for a session that runs, plurals in English."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from tray_world import TrayWorld

from tests.services.review_support import DAY, FIXTURE, at
from trayclock.domain.clock import ManualClock
from trayclock.services.customers import CustomerBook
from trayclock.services.review.demo import fill_store
from trayclock.services.review.source import ReviewSource
from trayclock.services.settings_book import SettingsBook
from trayclock.store import db
from trayclock.ui.customers import CustomersWindow
from trayclock.ui.review.table_model import Column
from trayclock.ui.review.window import ReviewWindow
from trayclock.ui.settings import SettingsWindow
from trayclock.ui.status_window import StatusWindow
from trayclock.ui.texts import duration_text, elapsed


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "0 min"),
        (0.2, "< 1 min"),
        (12.6, "13 min"),
        (59.4, "59 min"),
        (60, "1 h"),
        (65, "1 h 05 min"),
        (125.4, "2 h 05 min"),
    ],
)
def test_a_duration_is_whole_minutes_said_plainly(minutes: float, words: str) -> None:
    assert duration_text(minutes) == words


def test_a_running_time_says_minutes_not_h_mm() -> None:
    # "— 0:02" could be two minutes or two seconds.
    assert elapsed(timedelta(minutes=2, seconds=10)) == "2 min"
    assert elapsed(timedelta(hours=1, minutes=5)) == "1 h 05 min"


@pytest.fixture
def review(qtbot, tmp_path: Path) -> Iterator[ReviewWindow]:
    clock = ManualClock(at("19:00"))
    conn = db.connect(tmp_path / "wording.sqlite3")
    doc = json.loads(FIXTURE.read_text())
    doc["entries"].append(
        {
            "id": "odd",
            "customer": "beta",
            "app": "anydesk",
            "partner": "123456789",
            "start": "2026-11-23T15:00:00+01:00",
            "end": "2026-11-23T15:12:36+01:00",
        }
    )
    fill_store(conn, doc, clock.now())
    window = ReviewWindow(ReviewSource(conn, clock), DAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None and window.view.priced)
    yield window
    window.close()
    conn.close()


def test_the_review_shows_whole_minutes_and_grouped_partner_ids(review: ReviewWindow) -> None:
    model = review.model
    row = model.row_of("odd")
    assert model.data(model.index(row, Column.DURATION)) == "13 min"  # 12 min 36 s
    assert model.data(model.index(row, Column.PARTNER)) == "123 456 789"  # as the prompt writes it
    why = model.data(model.index(row, Column.WHY))
    assert why.startswith("13 min rounded up to 15 min")
    assert "12.6" not in why


def test_window_titles_leave_the_app_name_to_qt(
    world: TrayWorld, review: ReviewWindow, qtbot, tmp_path
) -> None:
    # Qt appends the application display name to every title ("Settings — trayclock"); a title
    # that names the app too reads "trayclock — settings — trayclock".
    conn = db.connect(tmp_path / "titles.sqlite3")
    settings = SettingsWindow(SettingsBook(conn, world.clock), "data")
    customers = CustomersWindow(CustomerBook(conn, world.clock))
    status = StatusWindow(world.tray)
    for widget in (settings, customers, status):
        qtbot.addWidget(widget)
    titles = {
        "prompt": world.tray.prompt.windowTitle(),
        "review": review.windowTitle(),
        "settings": settings.windowTitle(),
        "customers": customers.windowTitle(),
    }
    for name, title in titles.items():
        assert "trayclock" not in title.casefold(), f"{name}: {title!r}"
    assert titles["settings"] == "Settings" and titles["customers"] == "Customers"
    assert status.windowTitle() == "trayclock"  # the app's name alone: Qt adds nothing
    conn.close()


def test_the_prompt_asks_is_for_a_running_session_and_was_for_an_ended_one(
    world: TrayWorld,
) -> None:
    world.send(world.detect.start("ad-1", "anydesk", "111222333"))
    assert world.tray.prompt.title.text() == "Which customer is this session for?"
    world.later(5)
    world.send(world.detect.end("ad-1"))
    (ended,) = world.model.snapshot.unattached
    world.tray.change_customer(ended.entry.uuid)
    assert world.tray.prompt.title.text() == "Which customer was this session for?"


def test_plurals_read_right_in_english(world: TrayWorld, english: None) -> None:
    world.send(world.detect.start("tv-1", "teamviewer", "1"))
    world.tray.prompt.on_later()
    world.later(3)
    world.send(world.detect.end("tv-1"))
    assert "1 ended session waits for a customer" in world.tray.icon.toolTip()
    world.send(world.detect.start("tv-2", "teamviewer", "2"))
    world.tray.prompt.on_later()
    world.later(3)
    world.send(world.detect.end("tv-2"))
    assert "2 ended sessions wait for a customer" in world.tray.icon.toolTip()
    world.known("Acme Dental", "anydesk", "7")
    world.known("Beta Bakery", "anydesk", "8")
    world.known("Miller Law", "anydesk", "9")
    notes: list[str] = []
    world.tray.notifier.notified.connect(lambda title, _message: notes.append(title))
    for partner in ("7", "8", "9"):
        world.send(world.detect.start(f"ad-{partner}", "anydesk", partner))
        world.later(1)
    assert "3 customers at once" in notes


def test_the_review_banner_counts_in_english(review: ReviewWindow, english: None, qtbot) -> None:
    with qtbot.waitSignal(review.priced):
        review.reload()
    banner = review.banner.text()
    assert "1 session without a customer" in banner
    assert "1 long session to approve" in banner
    assert "1 overlap" in banner and "1 overlap(s)" not in banner


def test_the_new_words_speak_german(world: TrayWorld, qtbot, german: None) -> None:
    assert duration_text(65) == "1 Std. 05 Min."
    world.send(world.detect.start("ad-1", "anydesk", "111222333"))
    assert world.tray.prompt.title.text() == "Für welchen Kunden ist diese Sitzung?"
    world.tray.prompt.on_later()
    world.later(3)
    world.send(world.detect.end("ad-1"))
    assert "1 beendete Sitzung wartet auf einen Kunden" in world.tray.icon.toolTip()
