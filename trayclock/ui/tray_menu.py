"""The tray's context menu: what it lists for a snapshot, and when it is built again.

Built anew from each snapshot, except under the tech's cursor (rebuilding would delete the
item they point at: then once it closes) and when its words would be the same: each
rebuild is sent to the tray host over D-Bus (the StatusNotifierItem's menu), so an idle
tray's heartbeat sends nothing. What an item does is the controller's (`TrayActions`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from trayclock.services.tray_types import SessionRow, TraySnapshot, overlapping_pairs
from trayclock.ui.formats import clock_text
from trayclock.ui.icons import TrayState, tray_icon
from trayclock.ui.session_model import TrayModel
from trayclock.ui.suggestions import add_suggestion_menus
from trayclock.ui.sync_tray import add_sync_entries
from trayclock.ui.texts import elapsed, row_label


class TrayActions(Protocol):
    """What the menu's items ask of the tray (trayclock.ui.tray.TrayController)."""

    model: TrayModel

    def start_timer(self) -> None: ...
    def ask_customer(self, row: SessionRow) -> None: ...
    def has_window(self, name: str) -> bool: ...
    def open_window(self, name: str) -> None: ...
    def open_log_folder(self) -> None: ...
    def copy_diagnostics(self) -> None: ...
    def quit(self) -> None: ...


class TrayMenu(QObject):
    """Owns the QMenu; `show(snapshot)` brings it up to date when that is safe and useful."""

    def __init__(self, actions: TrayActions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self._submenus: list[QMenu] = []
        self._stale = False
        self._shows: tuple[object, ...] | None = None  # what the built menu says
        self.menu.aboutToHide.connect(self._on_hidden)

    @property
    def open(self) -> bool:
        return self.menu.isVisible() or any(sub.isVisible() for sub in self._submenus)

    def show(self, snapshot: TraySnapshot) -> None:
        if self.open:
            self._stale = True  # built again once it closes
        elif self.says(snapshot) != self._shows:
            self.build(snapshot)

    def _on_hidden(self) -> None:
        if self._stale:
            self._stale = False
            # After the triggered action has run (it is queued the same way).
            QTimer.singleShot(0, lambda: self.build(self._actions.model.snapshot))

    @staticmethod
    def says(snapshot: TraySnapshot) -> tuple[object, ...]:
        """What the menu built from `snapshot` shows: equal values, the same menu (elapsed
        times to the minute, as the menu words them)."""
        rows = tuple(
            (row, elapsed(row.entry.worked(snapshot.now)))
            for row in (*snapshot.running, *snapshot.unattached)
        )
        return (
            rows,
            snapshot.suggestions,
            elapsed(snapshot.today),
            snapshot.sync,
            snapshot.detection_paused,
            snapshot.concurrency,
        )

    def build(self, snapshot: TraySnapshot) -> None:
        self._shows = self.says(snapshot)
        actions, model, menu = self._actions, self._actions.model, self.menu
        for sub in self._submenus:
            sub.deleteLater()
        self._submenus = []
        menu.clear()
        header = menu.addAction(
            self.tr("Running sessions") if snapshot.running else self.tr("No session running")
        )
        header.setEnabled(False)
        overlapping = overlapping_pairs(snapshot, distinct_customers_only=True)
        for row in snapshot.running:
            self._add_session(row, snapshot, overlapping)
        if snapshot.unattached:
            menu.addSeparator()
            waiting = menu.addAction(self.tr("Ended, waiting for a customer"))
            waiting.setEnabled(False)
            for row in snapshot.unattached:
                self._add_session(row, snapshot, [])
        self._submenus += add_suggestion_menus(menu, snapshot, model.answer_suggestion, item)
        menu.addSeparator()
        manual = next((row for row in snapshot.running if row.entry.manual), None)
        if manual is None:
            item(menu, "startTimer", self.tr("Start manual timer"), actions.start_timer)
        else:
            item(
                menu,
                "stopTimer",
                self.tr("Stop manual timer ({elapsed})").format(
                    elapsed=elapsed(manual.entry.worked(snapshot.now))
                ),
                partial(model.stop, manual.entry.uuid),
            )
        today = menu.addAction(
            self.tr("Today so far: {total}").format(total=elapsed(snapshot.today))
        )
        today.setObjectName("today")
        today.setEnabled(False)
        menu.addSeparator()
        for name, text in (
            ("review", self.tr("Review day…")),
            ("customers", self.tr("Customers…")),
            ("settings", self.tr("Settings…")),
        ):
            item(menu, name, text, partial(actions.open_window, name))
        menu.addSeparator()
        asks = actions.has_window("sync_password")
        add_sync_entries(
            menu, snapshot, item, sync_now=model.sync_now,
            ask_password=partial(actions.open_window, "sync_password") if asks else None,
        )  # fmt: skip
        paused = snapshot.detection_paused
        pause = item(
            menu,
            "pauseDetection",
            self.tr("Pause detection"),
            lambda: model.set_detection_paused(not paused),
        )
        pause.setCheckable(True)
        pause.setChecked(paused)
        menu.addSeparator()
        item(menu, "openLogFolder", self.tr("Open log folder"), actions.open_log_folder)
        item(menu, "copyDiagnostics", self.tr("Copy diagnostics"), actions.copy_diagnostics)
        item(menu, "about", self.tr("About trayclock"), partial(actions.open_window, "about"))
        menu.addSeparator()
        item(menu, "quit", self.tr("Quit trayclock"), actions.quit)

    def _add_session(
        self,
        row: SessionRow,
        snapshot: TraySnapshot,
        overlapping: list[tuple[SessionRow, SessionRow]],
    ) -> None:
        model = self._actions.model
        uuid = row.entry.uuid
        worked = elapsed(row.entry.worked(snapshot.now))  # pauses left out: what is billed
        title = f"{row_label(row)} — {worked}"
        if row.entry.end is not None:
            title = f"{row_label(row)} — {clock_text(row.entry.start.astimezone())}, {worked}"
        sub = self.menu.addMenu(title)
        sub.setObjectName(f"session:{uuid}")
        self._submenus.append(sub)
        if row.customer is None:
            sub.setIcon(tray_icon(TrayState.WAITING))
        elif any(uuid in (a.entry.uuid, b.entry.uuid) for a, b in overlapping):
            sub.setIcon(tray_icon(TrayState.OVERLAP))
        attach_text = (
            self.tr("Attach customer…") if row.customer is None else self.tr("Change customer…")
        )
        item(
            sub,
            "attach",
            attach_text,
            lambda: self._actions.ask_customer(model.snapshot.row(uuid) or row),
        )
        item(sub, "note", self.tr("Add note…"), lambda: self._ask_note(uuid))
        item(sub, "ticket", self.tr("Ticket…"), lambda: self._ask_ticket(uuid))
        was_billable = row.entry.billable
        billable = item(
            sub,
            "nonBillable",
            self.tr("Non-billable"),
            lambda: model.set_billable(uuid, not was_billable),
        )
        billable.setCheckable(True)
        billable.setChecked(not was_billable)
        if row.entry.end is None:
            item(sub, "stop", self.tr("Stop"), lambda: model.stop(uuid))

    # -- small dialogs (asked for by the tech: these may take focus), imported when asked for:
    # the idle tray holds no dialog class it does not show
    def _ask_note(self, uuid: str) -> None:
        model = self._actions.model
        row = model.snapshot.row(uuid)
        current = row.entry.notes if row else ""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            None, self.tr("Note"), self.tr("What did you do?"), text=current
        )
        if ok:
            model.set_notes(uuid, text.strip())

    def _ask_ticket(self, uuid: str) -> None:
        model = self._actions.model
        row = model.snapshot.row(uuid)
        current = (row.entry.ticket or "") if row else ""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            None, self.tr("Ticket"), self.tr("Ticket number:"), text=current
        )
        if ok:
            model.set_ticket(uuid, text.strip() or None)


def item(menu: QMenu, name: str, text: str, slot: Callable[[], object]) -> QAction:
    """A menu item whose command runs after the menu has closed (the command rebuilds the
    menu, which deletes this item)."""
    action = menu.addAction(text)
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: QTimer.singleShot(0, slot))
    return action
