"""The review window shows each entry's sync state with the live Tryton: queued, synced,
refused with Tryton's own words, a conflict made by an office edit through a second
JSON-RPC session, decided by "Keep mine" and "Take theirs" (audited, re-priced, sent);
an invoiced entry is locked in the panel and an edit of its times is refused in words; and
a refusal Tryton's data made reads in German in a German window, no English left."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt

from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import BERLIN, T0, SyncWorld, make_world, tryton_adapter
from trayclock.domain.entry import SyncState
from trayclock.services.review.source import ReviewSource
from trayclock.services.store_events import StoreEvents
from trayclock.services.sync import SyncService
from trayclock.store import audit, customers, entries
from trayclock.sync import remote_ids
from trayclock.sync import tryton_lines as lines
from trayclock.sync.reasons import Code, english
from trayclock.sync.tryton_rpc import TrytonRPC
from trayclock.ui.i18n import install_translations
from trayclock.ui.review.table_model import Column
from trayclock.ui.review.window import ReviewWindow

pytestmark = pytest.mark.integration

DAY = T0.astimezone(BERLIN).date()


@pytest.fixture
def world(tmp_path: Path, tryton_server: TrytonServer, rpc: TrytonRPC) -> Iterator[SyncWorld]:
    made = make_world(tmp_path, tryton_server, rpc)
    yield made
    made.conn.close()


@pytest.fixture
def office(tryton_server: TrytonServer) -> TrytonRPC:
    """A colleague's own session in Tryton (another login than trayclock's)."""
    session = TrytonRPC(
        tryton_server.url, tryton_server.database, tryton_server.user, tryton_server.password
    )
    session.login()
    return session


class Review:
    def __init__(self, qtbot, world: SyncWorld) -> None:
        self.world = world
        self.events = StoreEvents()
        self.sync = SyncService(world.conn, world.clock)
        source = ReviewSource(world.conn, world.clock, self.events)
        self.window = ReviewWindow(source, DAY, sync=self.sync)
        qtbot.addWidget(self.window)
        self.window.show()
        self.qtbot = qtbot
        self.settle()

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: self.window.view is not None and self.window.view.priced)

    def cell(self, uuid: str, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        model = self.window.model
        row = model.row_of(uuid)
        assert row is not None, uuid
        return model.data(model.index(row, column), role)

    def choose(self, uuid: str) -> None:
        self.window.select([uuid])
        assert self.window.selected_ids() == [uuid]


def closed_customer(world: SyncWorld, rpc: TrytonRPC, name: str) -> tuple[int, str]:
    """A customer whose Tryton project takes no timesheet lines any more (the office closed
    it): Tryton refuses its lines. Its id here, and its project's id there."""
    closed = world.customer(name)
    customer = customers.get(world.conn, closed)
    assert customer is not None
    remote = tryton_adapter(world.server.url, world.server).ensure_customer(
        customer.key, customer.name, None
    )
    remote_ids.link(world.conn, customer, "tryton", remote, now=world.clock.now())
    assert remote.ref is not None
    rpc.write("project.work", [int(remote.ref)], {"timesheet_available": False})
    return closed, remote.ref


def line_of(world: SyncWorld, uuid: str) -> dict[str, object]:
    (found,) = world.lines_of(uuid)
    return found


def test_sync_states_and_a_conflict_decided_both_ways(
    qtbot,
    world: SyncWorld,
    rpc: TrytonRPC,
    office: TrytonRPC,
    unique_name: Callable[[str], str],
) -> None:
    acme = world.customer(unique_name("ACME"))
    mine = world.add(acme, T0, 30, notes="mine")
    theirs = world.add(acme, T0 + timedelta(hours=1), 30, notes="ours")
    kept = world.add(acme, T0 + timedelta(hours=2), 30)
    # A customer whose project takes no timesheet lines any more: Tryton refuses its line.
    closed, _ = closed_customer(world, rpc, unique_name("Closed"))
    refused = world.add(closed, T0 + timedelta(hours=3), 30)
    world.submit()
    world.sync()
    for entry in (mine, theirs):  # the office corrects both lines to 45 minutes
        line_id = int(str(line_of(world, entry.uuid)["id"]))
        office.write(lines.MODEL, [line_id], {"duration": timedelta(minutes=45)})
        entries.edit(world.conn, entry.uuid, {"ticket": "T-9"}, now=world.clock.now())
    assert world.sync().conflicts == 2
    waiting = world.add(acme, T0 + timedelta(hours=5), 30)
    world.submit([waiting.uuid])

    review = Review(qtbot, world)
    assert review.window.model.headers()[Column.SYNC] == "Sync"
    assert review.cell(mine.uuid, Column.SYNC) == "conflict"
    assert review.cell(theirs.uuid, Column.SYNC) == "conflict"
    assert review.cell(kept.uuid, Column.SYNC) == "synced"
    assert review.cell(waiting.uuid, Column.SYNC) == "queued"
    assert review.cell(refused.uuid, Column.SYNC) == "failed"
    tip = str(review.cell(refused.uuid, Column.SYNC, Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("Tryton refused it: ") and "takes no timesheet lines" in tip
    box = review.window.panel.sync_box
    review.choose(refused.uuid)
    assert box.isVisible() and "takes no timesheet lines" in box.label.text()
    assert not box.keep_mine_button.isVisible()
    review.choose(waiting.uuid)
    assert box.label.text() == "Queued: waits to be sent to Tryton."

    review.choose(mine.uuid)
    assert box.keep_mine_button.isVisible() and box.take_theirs_button.isVisible()
    assert box.label.text().startswith(  # said from the line Tryton holds, in our words
        f"Conflict: line {line_of(world, mine.uuid)['id']} was changed in Tryton since "
        "trayclock wrote it. Keep mine writes"
    )
    qtbot.mouseClick(box.keep_mine_button, Qt.MouseButton.LeftButton)
    review.settle()
    assert review.cell(mine.uuid, Column.SYNC) == "changed"  # sent again at the next pass
    assert review.window.selected_ids() == [mine.uuid]
    assert not box.keep_mine_button.isVisible()

    review.choose(theirs.uuid)
    qtbot.mouseClick(box.take_theirs_button, Qt.MouseButton.LeftButton)
    review.settle()
    assert review.cell(theirs.uuid, Column.SYNC) == "synced"
    assert review.cell(theirs.uuid, Column.DURATION) == "45 min"  # Tryton's, re-priced
    assert world.stored(theirs.uuid).end == theirs.start + timedelta(minutes=45)

    assert world.sync().sent == 2  # mine over Tryton's line, and the queued one
    assert line_of(world, mine.uuid)["duration"] == timedelta(minutes=30)
    assert line_of(world, theirs.uuid)["duration"] == timedelta(minutes=45)
    reasons = {r.reason for r in audit.history(world.conn, mine.uuid)}
    assert "sync: conflict with tryton: kept mine" in reasons
    reasons = {r.reason for r in audit.history(world.conn, theirs.uuid)}
    assert "sync: conflict with tryton: took theirs" in reasons
    review.window.follow_store()  # the worker ran in this test's thread: read again
    review.settle()
    assert review.cell(mine.uuid, Column.SYNC) == "synced"
    assert review.cell(waiting.uuid, Column.SYNC) == "synced"


def test_an_invoiced_entry_is_locked_and_a_time_edit_is_refused_in_words(
    qtbot, world: SyncWorld, unique_name: Callable[[str], str]
) -> None:
    acme = world.customer(unique_name("ACME"))
    entry = world.add(acme, T0, 30)
    world.submit()
    world.sync()
    (made,) = world.invoice(date(2026, 11, 1), customers.get(world.conn, acme).key)  # type: ignore[union-attr]
    assert made.result.linked_entries == (entry.uuid,)
    assert world.stored(entry.uuid).sync_state is SyncState.INVOICED

    review = Review(qtbot, world)
    assert review.cell(entry.uuid, Column.SYNC) == "invoiced"
    review.choose(entry.uuid)
    panel = review.window.panel
    for locked in (panel.start_edit, panel.end_edit, panel.set_times_button,
                   panel.split_button, panel.attach_button, panel.billable_button,
                   panel.discard_button):  # fmt: skip
        assert not locked.isEnabled(), locked.objectName()
    assert panel.ticket_edit.isEnabled() and panel.save_details_button.isEnabled()
    assert panel.sync_box.label.text().startswith(
        "Invoiced in Tryton: its times, customer and billability are locked"
    )
    problems: list[str] = []
    review.window.problem.connect(problems.append)
    panel.end_edit.setEnabled(True)  # whatever path an edit of its times takes
    panel.end_edit.setTime(panel.end_edit.time().addSecs(30 * 60))
    review.window.set_times_of_selected()  # refused by the store, shown, never raised
    (said,) = problems
    assert "is invoiced in tryton: its end can no longer change" in said
    assert "correct the invoice there first" in said
    assert "invoiced in tryton" in review.window.banner.text()
    assert world.stored(entry.uuid).end == entry.end
    # The table's billable box is refused the same way.
    model = review.window.model
    index = model.index(model.row_of(entry.uuid), Column.BILLABLE)
    model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(problems) == 2 and "its billable can no longer change" in problems[1]
    assert world.stored(entry.uuid).billable


def test_a_refusal_from_tryton_reads_in_german_with_no_english_left(
    qtbot, world: SyncWorld, rpc: TrytonRPC, unique_name: Callable[[str], str]
) -> None:
    closed, project = closed_customer(world, rpc, unique_name("Geschlossen"))
    refused = world.add(closed, T0, 30)
    world.submit()
    assert world.sync().failed == 1
    stored = SyncService(world.conn, world.clock).entry(refused.uuid)
    assert stored is not None and stored.reason is not None  # what happened, as data:
    assert (stored.reason.code, dict(stored.reason.params)) == (
        Code.TRYTON_PROJECT_GONE,
        {"projects": project},
    )
    installed = install_translations(QCoreApplication.instance(), QLocale("de"))
    try:
        review = Review(qtbot, world)
        assert review.window.model.headers()[Column.SYNC] == "Sync"
        assert review.cell(refused.uuid, Column.SYNC) == "abgelehnt"
        german = (
            f"Tryton hat ihn abgelehnt: das Tryton-Projekt {project} gibt es nicht mehr oder "
            "es nimmt keine Zeiterfassungszeilen an: gleichen Sie den Kunden erneut ab"
        )
        tip = review.cell(refused.uuid, Column.SYNC, Qt.ItemDataRole.ToolTipRole)
        assert tip == german
        review.choose(refused.uuid)
        label = review.window.panel.sync_box.label.text()
        assert label == german
        said = f"Tryton refused it: {english(stored.reason)}"  # the same in English
        left = words(label) & (words(said) - {"tryton"})
        assert not left, f"English left in {label!r}: {sorted(left)}"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)}
