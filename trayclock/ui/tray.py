"""The tray icon, its menu and tooltip, its notifications, and the attach prompt it raises.

Built over a TrayModel (which is built over `trayclock.services.tray_types.TrayPort`), so a
test can drive it with the real store and tracker and scripted detection events, offscreen.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QRect, QTimer, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QIcon
from PySide6.QtWidgets import QInputDialog, QMenu, QSystemTrayIcon

from trayclock.services.tray_types import (
    SYNC_FAILING,
    SYNC_OFF,
    SYNC_OK,
    SYNC_PENDING,
    AttachRequest,
    SessionRow,
    TraySnapshot,
    overlapping_pairs,
)
from trayclock.ui.formats import clock_text
from trayclock.ui.icons import TrayState, clear_icon_cache, tray_icon
from trayclock.ui.notifier import Notifier
from trayclock.ui.prompt import AttachPrompt
from trayclock.ui.session_model import TrayModel, tray_state
from trayclock.ui.suggestions import add_suggestion_menus
from trayclock.ui.suggestions_notify import SuggestionNotices
from trayclock.ui.texts import app_label, customer_label, elapsed, partner_label, row_label
from trayclock.ui.tray_tooltip import COMPACT_TOOLTIP, TrayTooltip

log = logging.getLogger(__name__)

TOOLTIP_REFRESH_MS = 30_000  # elapsed times are shown in minutes

# Opens a window from the menu (review, customers, settings); what it returns is not used.
Opener = Callable[[], object]
# Opens the review window at one entry (its day, the entry selected).
EntryOpener = Callable[[str], object]


class TrayController(QObject):
    """Owns the QSystemTrayIcon and everything it opens."""

    quit_requested = Signal()
    state_changed = Signal(object)  # TrayState

    def __init__(
        self,
        model: TrayModel,
        *,
        open_review: Opener | None = None,
        open_customers: Opener | None = None,
        open_settings: Opener | None = None,
        open_entry: EntryOpener | None = None,
        dbus_notifications: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """`dbus_notifications`: clickable notifications through the desktop's daemon when
        there is one (Linux); False: through the tray icon only."""
        super().__init__(parent)
        self.model = model
        self._openers = {
            "review": open_review,
            "customers": open_customers,
            "settings": open_settings,
        }
        self._open_entry = open_entry
        self.icon = QSystemTrayIcon(self)
        self.notifier = Notifier(self.icon, self, dbus=dbus_notifications)
        self.suggestion_notices = SuggestionNotices(self.notifier, model, self)
        self.prompt = AttachPrompt(model.service)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self._submenus: list[QMenu] = []
        self._menu_stale = False
        self.state = TrayState.IDLE

        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self.on_activated)
        self.tray_tooltip = TrayTooltip(self.icon, lambda: self.model.snapshot, self)
        self.menu.aboutToShow.connect(self.tray_tooltip.on_menu_shown)
        self.menu.aboutToShow.connect(self.model.refresh)  # fresh elapsed times when it opens
        self.menu.aboutToHide.connect(self.on_menu_hidden)
        model.changed.connect(self.on_changed)
        model.customer_needed.connect(self.on_customer_needed)
        model.auto_attached.connect(self.on_auto_attached)
        model.overlap_started.connect(self.on_overlap_started)
        model.same_customer_overlap.connect(self.on_same_customer_overlap)
        model.command_failed.connect(self.on_command_failed)
        self.prompt.attach_requested.connect(self.on_attach_requested)
        self.prompt.later_requested.connect(lambda _uuid: self.model.refresh())

        QGuiApplication.styleHints().colorSchemeChanged.connect(self.on_color_scheme_changed)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TOOLTIP_REFRESH_MS)
        self._ticker.timeout.connect(self.model.refresh)
        self._ticker.start()
        self.on_changed(model.snapshot)

    def show(self) -> None:
        self.icon.show()
        # Windows 11 may drop a tooltip set before the icon is shown: set it again (as aw-qt does).
        self.icon.setToolTip(self.tooltip(self.model.snapshot))

    def anchor(self) -> QRect | None:
        rect = self.icon.geometry()
        return rect if rect.isValid() and not rect.isEmpty() else None

    # -- what the model announces
    def on_changed(self, snapshot: TraySnapshot) -> None:
        state = tray_state(snapshot)
        if state != self.state or self.icon.icon().isNull():
            self.state = state
            self.icon.setIcon(tray_icon(state))
            self.state_changed.emit(state)
        self.tray_tooltip.show(snapshot)
        if self.menu.isVisible() or any(sub.isVisible() for sub in self._submenus):
            # Not under the tech's cursor: rebuilding would delete the item they are pointing at.
            self._menu_stale = True
        else:
            self.build_menu(snapshot)
        row = self.prompt.row
        if row is not None and snapshot.row(row.entry.uuid) is None and self.prompt.isVisible():
            self.prompt.hide()  # its session ended and was dealt with elsewhere

    def on_menu_hidden(self) -> None:
        self.tray_tooltip.on_menu_hidden()
        if self._menu_stale:
            self._menu_stale = False
            # After the triggered action has run (it is queued the same way).
            QTimer.singleShot(0, lambda: self.build_menu(self.model.snapshot))

    def on_customer_needed(self, row: SessionRow) -> None:
        if self.prompt.isVisible() and self.prompt.row is not None:
            # Do not swap the question under the tech's cursor: the newer one waits in the menu.
            return
        self.prompt.show_for(row, self.anchor())

    def on_auto_attached(self, row: SessionRow) -> None:
        uuid = row.entry.uuid
        prompt_row = self.prompt.row
        if (
            prompt_row is not None
            and prompt_row.entry.uuid == uuid
            and not self.prompt.accepts_focus
        ):
            self.prompt.hide()  # answered by itself, and the tech had not started on it
        known = self.tr("{app} {partner} is known.").format(
            app=app_label(row.entry.source),
            partner=partner_label(row.entry.partner_id, row.entry.partner_name),
        )
        how = (
            self.tr("Click here to change the customer.")
            if self.notifier.clickable
            else self.tr("To change the customer, use the tray menu.")
        )
        self.notifier.notify(
            self.tr("{customer}: session attached").format(customer=customer_label(row)),
            f"{known} {how}",
            on_click=lambda: self.change_customer(uuid),
            action=self.tr("Change customer"),
        )

    def on_overlap_started(self, rows: tuple[SessionRow, ...], policy: str) -> None:
        names = list(dict.fromkeys(customer_label(row) for row in rows))
        if policy == "split":
            rule = self.tr("Company policy: split — the shared time is divided between them.")
        else:
            rule = self.tr("Company policy: bill each — each is billed the full shared time.")
        if len(names) == 2:
            title = self.tr("Two customers at once")
            who = self.tr("{a} and {b} are both running.").format(a=names[0], b=names[1])
        else:
            title = self.tr("%n customers at once", "", len(names))
            who = self.tr("{some} and {last} are running at the same time.").format(
                some=", ".join(names[:-1]), last=names[-1]
            )
        self.notifier.notify(title, f"{who} {rule}", important=True)

    def on_same_customer_overlap(self, first: SessionRow, second: SessionRow) -> None:
        self.notifier.notify(
            self.tr("Two sessions for {customer}").format(customer=customer_label(first)),
            self.tr("They overlap; the shared time is billed once."),
        )

    def on_command_failed(self, message: str) -> None:
        self.notifier.notify(self.tr("trayclock could not do that"), message, important=True)

    def on_attach_requested(self, request: AttachRequest) -> None:
        self.model.attach(request)
        # The next waiting session, if any, is asked about now.
        waiting = [row for row in self.model.snapshot.running if row.waiting]
        if waiting:
            self.prompt.show_for(waiting[-1], self.anchor())

    def start_timer(self) -> None:
        """Start a manual timer and ask for its customer (the tech clicked: focus is fine)."""
        before = {row.entry.uuid for row in self.model.snapshot.running}
        self.model.start_timer(None)
        started = [r for r in self.model.snapshot.running if r.entry.uuid not in before]
        if started:
            self.prompt.show_for(started[0], self.anchor(), activate=True)

    def on_color_scheme_changed(self) -> None:
        """The desktop switched light/dark: redraw the icon for the new panel."""
        clear_icon_cache()
        self.icon.setIcon(tray_icon(self.state))

    def change_customer(self, uuid: str) -> None:
        """Open the prompt for a session, focused: the tech asked for it. A session that has
        ended since (and has its customer) is changed in the review window, at its entry."""
        row = self.model.refresh().row(uuid)
        if row is not None:
            self.prompt.show_for(row, self.anchor(), activate=True)
        elif self._open_entry is not None:
            self._open_entry(uuid)

    def on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # macOS opens the context menu on any click by itself; elsewhere a left click opens it too.
        if reason == QSystemTrayIcon.ActivationReason.Trigger and sys.platform != "darwin":
            self.model.refresh()
            self.menu.popup(QCursor.pos())

    # -- tooltip
    def tooltip(self, snapshot: TraySnapshot, *, compact: bool = COMPACT_TOOLTIP) -> str:
        return self.tray_tooltip.text(snapshot, compact=compact)

    # -- menu
    def build_menu(self, snapshot: TraySnapshot) -> None:
        menu = self.menu
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
            self._add_session_menu(menu, row, snapshot, overlapping)
        if snapshot.unattached:
            menu.addSeparator()
            waiting = menu.addAction(self.tr("Ended, waiting for a customer"))
            waiting.setEnabled(False)
            for row in snapshot.unattached:
                self._add_session_menu(menu, row, snapshot, [])
        self._submenus += add_suggestion_menus(
            menu, snapshot, self.model.answer_suggestion, self._action
        )
        menu.addSeparator()
        manual = next((row for row in snapshot.running if row.entry.manual), None)
        if manual is None:
            self._action(
                menu,
                "startTimer",
                self.tr("Start manual timer"),
                self.start_timer,
            )
        else:
            self._action(
                menu,
                "stopTimer",
                self.tr("Stop manual timer ({elapsed})").format(
                    elapsed=elapsed(manual.entry.worked(snapshot.now))
                ),
                partial(self.model.stop, manual.entry.uuid),
            )
        today = menu.addAction(
            self.tr("Today so far: {total}").format(total=elapsed(snapshot.today))
        )
        today.setObjectName("today")
        today.setEnabled(False)
        menu.addSeparator()
        self._action(menu, "review", self.tr("Review day…"), lambda: self._open("review"))
        self._action(menu, "customers", self.tr("Customers…"), lambda: self._open("customers"))
        self._action(menu, "settings", self.tr("Settings…"), lambda: self._open("settings"))
        menu.addSeparator()
        sync = menu.addAction(self.sync_text(snapshot))
        sync.setObjectName("syncStatus")
        sync.setEnabled(False)
        sync_now = self._action(menu, "syncNow", self.tr("Sync now"), self.model.sync_now)
        sync_now.setEnabled(snapshot.sync.state != SYNC_OFF)
        paused = snapshot.detection_paused
        pause = self._action(
            menu,
            "pauseDetection",
            self.tr("Pause detection"),
            lambda: self.model.set_detection_paused(not paused),
        )
        pause.setCheckable(True)
        pause.setChecked(paused)
        menu.addSeparator()
        self._action(menu, "quit", self.tr("Quit trayclock"), self.quit_requested.emit)

    def _add_session_menu(
        self,
        menu: QMenu,
        row: SessionRow,
        snapshot: TraySnapshot,
        overlapping: list[tuple[SessionRow, SessionRow]],
    ) -> None:
        uuid = row.entry.uuid
        worked = elapsed(row.entry.worked(snapshot.now))  # pauses left out: what is billed
        title = f"{row_label(row)} — {worked}"
        if row.entry.end is not None:
            title = f"{row_label(row)} — {clock_text(row.entry.start.astimezone())}, {worked}"
        sub = menu.addMenu(title)
        sub.setObjectName(f"session:{uuid}")
        self._submenus.append(sub)
        if row.customer is None:
            sub.setIcon(tray_icon(TrayState.WAITING))
        elif any(uuid in (a.entry.uuid, b.entry.uuid) for a, b in overlapping):
            sub.setIcon(tray_icon(TrayState.OVERLAP))
        attach_text = (
            self.tr("Attach customer…") if row.customer is None else self.tr("Change customer…")
        )
        self._action(
            sub,
            "attach",
            attach_text,
            lambda: self.prompt.show_for(snapshot.row(uuid) or row, self.anchor(), activate=True),
        )
        self._action(sub, "note", self.tr("Add note…"), lambda: self._ask_note(uuid))
        self._action(sub, "ticket", self.tr("Ticket…"), lambda: self._ask_ticket(uuid))
        was_billable = row.entry.billable
        billable = self._action(
            sub,
            "nonBillable",
            self.tr("Non-billable"),
            lambda: self.model.set_billable(uuid, not was_billable),
        )
        billable.setCheckable(True)
        billable.setChecked(not was_billable)
        if row.entry.end is None:
            self._action(sub, "stop", self.tr("Stop"), lambda: self.model.stop(uuid))

    @staticmethod
    def _action(menu: QMenu, name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        # Run after the menu has closed: the command rebuilds the menu, which deletes this action.
        action.triggered.connect(lambda _checked=False: QTimer.singleShot(0, slot))
        return action

    def sync_text(self, snapshot: TraySnapshot) -> str:
        sync = snapshot.sync
        if sync.state == SYNC_OK:
            return self.tr("Sync: up to date")
        if sync.state == SYNC_PENDING:
            return self.tr("Sync: %n entries waiting to send", "", sync.pending)
        if sync.state == SYNC_FAILING:
            return self.tr("Sync problem: {detail}").format(detail=sync.detail)
        return self.tr("Sync: no backend set up")

    # -- small dialogs and windows (asked for by the tech: these may take focus)
    def _ask_note(self, uuid: str) -> None:
        row = self.model.snapshot.row(uuid)
        current = row.entry.notes if row else ""
        text, ok = QInputDialog.getText(
            None, self.tr("Note"), self.tr("What did you do?"), text=current
        )
        if ok:
            self.model.set_notes(uuid, text.strip())

    def _ask_ticket(self, uuid: str) -> None:
        row = self.model.snapshot.row(uuid)
        current = (row.entry.ticket or "") if row else ""
        text, ok = QInputDialog.getText(
            None, self.tr("Ticket"), self.tr("Ticket number:"), text=current
        )
        if ok:
            self.model.set_ticket(uuid, text.strip() or None)

    def _open(self, name: str) -> None:
        opener = self._openers.get(name)
        if opener is None:
            self.notifier.notify(
                self.tr("Not available yet"),
                self.tr("This window is not part of this version of trayclock yet."),
            )
            return
        opener()

    def window_icon(self) -> QIcon:
        return tray_icon(self.state)

    def close(self) -> None:
        self._ticker.stop()
        self.tray_tooltip.stop()
        self.prompt.hide()
        self.icon.hide()
