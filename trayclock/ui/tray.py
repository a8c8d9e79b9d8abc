"""The tray icon, its menu and tooltip, its notifications, and the attach prompt it raises.

Built over a TrayModel (which is built over `trayclock.services.tray_types.TrayPort`), so a
test can drive it with the real store and tracker and scripted detection events, offscreen.

Idle, it costs nothing: no timer of its own (the app's heartbeat refreshes the elapsed
times), the menu and tooltip are re-sent to the tray host only when what they say changed,
and the attach prompt is built the first time a session needs it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from trayclock.services.tray_types import AttachRequest, SessionRow, SyncHealth, TraySnapshot
from trayclock.ui.icons import TrayState, clear_icon_cache, tray_icon
from trayclock.ui.notifier import Notifier
from trayclock.ui.session_model import TrayModel, tray_state
from trayclock.ui.suggestions_notify import SuggestionNotices
from trayclock.ui.sync_tray import notify_password_needed
from trayclock.ui.texts import app_label, customer_label, partner_label
from trayclock.ui.tray_menu import TrayMenu
from trayclock.ui.tray_tooltip import COMPACT_TOOLTIP, TrayTooltip

if TYPE_CHECKING:
    from trayclock.ui.prompt import AttachPrompt

log = logging.getLogger(__name__)

# Opens a window from the menu (review, customers, settings, about); what it returns is not used.
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
        ask_password: Opener | None = None,
        open_about: Opener | None = None,
        open_log_folder: Callable[[], bool] | None = None,
        copy_diagnostics: Callable[[], str] | None = None,
        dbus_notifications: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """`dbus_notifications`: clickable notifications through the desktop's daemon when
        there is one (Linux); False: through the tray icon only. `open_log_folder`: True
        when a file manager took the folder; `copy_diagnostics`: puts the self-check
        report on the clipboard (the composition root wires both, trayclock.ui.self_check)."""
        super().__init__(parent)
        self.model = model
        self._openers = {
            "review": open_review,
            "customers": open_customers,
            "settings": open_settings,
            "sync_password": ask_password,
            "about": open_about,
        }
        self._open_entry = open_entry
        self._open_log_folder = open_log_folder
        self._copy_diagnostics = copy_diagnostics
        self.icon = QSystemTrayIcon(self)
        self.notifier = Notifier(self.icon, self, dbus=dbus_notifications)
        self.suggestion_notices = SuggestionNotices(self.notifier, model, self)
        self._prompt: AttachPrompt | None = None  # built when a session first needs it
        self.tray_menu = TrayMenu(self, self)
        self.menu = self.tray_menu.menu
        self.state = TrayState.IDLE

        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self.on_activated)
        self.tray_tooltip = TrayTooltip(self.icon, lambda: self.model.snapshot, self)
        self.menu.aboutToShow.connect(self.tray_tooltip.on_menu_shown)
        self.menu.aboutToShow.connect(self.model.refresh)  # fresh elapsed times when it opens
        self.menu.aboutToHide.connect(self.tray_tooltip.on_menu_hidden)
        model.changed.connect(self.on_changed)
        model.customer_needed.connect(self.on_customer_needed)
        model.auto_attached.connect(self.on_auto_attached)
        model.overlap_started.connect(self.on_overlap_started)
        model.same_customer_overlap.connect(self.on_same_customer_overlap)
        model.command_failed.connect(self.on_command_failed)
        model.sync_password_needed.connect(self.on_sync_password_needed)

        QGuiApplication.styleHints().colorSchemeChanged.connect(self.on_color_scheme_changed)
        self.on_changed(model.snapshot)

    @property
    def prompt(self) -> AttachPrompt:
        """The attach prompt, built the first time it is needed: its widgets and fonts are
        memory an idle tray (most of the day) has no use for."""
        if self._prompt is None:
            from trayclock.ui.prompt import AttachPrompt

            prompt = AttachPrompt(self.model.service)
            prompt.attach_requested.connect(self.on_attach_requested)
            prompt.later_requested.connect(lambda _uuid: self.model.refresh())
            self._prompt = prompt
        return self._prompt

    @property
    def prompt_built(self) -> bool:
        return self._prompt is not None

    def _prompt_showing(self) -> AttachPrompt | None:
        """The prompt when it is on screen (None when hidden or never built)."""
        prompt = self._prompt
        return prompt if prompt is not None and prompt.isVisible() else None

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
        self.tray_menu.show(snapshot)
        prompt = self._prompt_showing()
        asked = prompt.row if prompt is not None else None
        if prompt is not None and asked is not None and snapshot.row(asked.entry.uuid) is None:
            prompt.hide()  # its session ended and was dealt with elsewhere

    def on_customer_needed(self, row: SessionRow) -> None:
        showing = self._prompt_showing()
        if showing is not None and showing.row is not None:
            # Do not swap the question under the tech's cursor: the newer one waits in the menu.
            return
        self.prompt.show_for(row, self.anchor())

    def on_auto_attached(self, row: SessionRow) -> None:
        uuid = row.entry.uuid
        prompt = self._prompt
        prompt_row = prompt.row if prompt is not None else None
        if (
            prompt is not None
            and prompt_row is not None
            and prompt_row.entry.uuid == uuid
            and not prompt.accepts_focus
        ):
            prompt.hide()  # answered by itself, and the tech had not started on it
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

    def on_sync_password_needed(self, health: SyncHealth) -> None:
        notify_password_needed(self.notifier, health, lambda: self.open_window("sync_password"))

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

    # -- what the menu's items do (trayclock.ui.tray_menu.TrayActions)
    def ask_customer(self, row: SessionRow) -> None:
        """The prompt for this session, focused (the tech chose it from the menu)."""
        self.prompt.show_for(row, self.anchor(), activate=True)

    def quit(self) -> None:
        self.quit_requested.emit()

    def has_window(self, name: str) -> bool:
        return self._openers.get(name) is not None

    def open_window(self, name: str) -> None:
        opener = self._openers.get(name)
        if opener is None:
            self._not_available()
            return
        opener()

    def _not_available(self) -> None:
        self.notifier.notify(
            self.tr("Not available yet"),
            self.tr("This window is not part of this version of trayclock yet."),
        )

    # -- diagnostics (#10 item 5)
    def open_log_folder(self) -> None:
        """The platform's file manager on trayclock's log folder; a notice when none took it."""
        if self._open_log_folder is None:
            self._not_available()
        elif not self._open_log_folder():
            self.notifier.notify(
                self.tr("The log folder did not open"),
                self.tr('No file manager took it. Its place is listed under "About trayclock".'),
                important=True,
            )

    def copy_diagnostics(self) -> None:
        """The self-check report onto the clipboard, and a notice saying so."""
        if self._copy_diagnostics is None:
            self._not_available()
            return
        try:
            self._copy_diagnostics()
        except Exception as error:  # a check that broke must not take the tray down
            log.exception("diagnostics not copied")
            self.on_command_failed(str(error))
            return
        self.notifier.notify(
            self.tr("Diagnostics copied"),
            self.tr(
                "The report is on the clipboard, ready to paste into a message to support. "
                "It holds no passwords, tokens or other secrets."
            ),
        )

    def window_icon(self) -> QIcon:
        return tray_icon(self.state)

    def close(self) -> None:
        self.tray_tooltip.stop()
        if self._prompt is not None:
            self._prompt.hide()
            self._prompt.deleteLater()
            self._prompt = None
        self.icon.hide()
