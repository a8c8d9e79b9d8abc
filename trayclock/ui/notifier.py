"""Desktop notifications, each may be clickable: over D-Bus on Linux, the tray icon elsewhere."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from trayclock.ui.desktop_notify import (
    DEFAULT_ACTION,
    URGENCY_CRITICAL,
    URGENCY_NORMAL,
    DBusNotifications,
)

log = logging.getLogger(__name__)

OPEN_ACTION = "open"
NOTIFY_QUIET_MS = 4_000
NOTIFY_IMPORTANT_MS = 10_000
# Where the tray icon's own notifications report a click on them (messageClicked).
CLICKABLE_TRAY_MESSAGES = sys.platform in ("win32", "darwin")


class Notifier(QObject):
    """Desktop notifications; `notified` lets tests and the log see them.

    On Linux they go to the desktop's notification daemon over D-Bus with an action, so a
    click on them does what `on_click` says (`desktop_notify`). Elsewhere, or without such
    a daemon, through the tray icon: there only the latest one is clickable (the icon has
    one "message clicked" signal for all of them), and on Linux none is. `clickable` says
    whether a click will be heard, so no message promises one that is not.
    """

    notified = Signal(str, str)  # title, message
    clicked = Signal(str)  # the title of the notification whose action ran

    def __init__(
        self,
        icon: QSystemTrayIcon,
        parent: QObject | None = None,
        *,
        dbus: DBusNotifications | bool | None = True,
    ) -> None:
        """`dbus`: True: the session's daemon if it shows actions; False: the tray icon only."""
        super().__init__(parent)
        self._icon = icon
        self._on_click: Callable[[], object] | None = None
        # token -> (title, what each of its action keys runs)
        self._clicks: dict[int, tuple[str, dict[str, Callable[[], object]]]] = {}
        icon.messageClicked.connect(self.on_message_clicked)
        # The session bus is opened at the first notification (or the first question whether
        # one is clickable), not with the tray: the idle tray would hold jeepney and a second
        # D-Bus connection for nothing (bench/RESULTS.md, "Idle memory, broken down").
        self._want_dbus = dbus is True and sys.platform.startswith("linux")
        self._dbus_opened = dbus is not True  # False, None or a channel: nothing to open
        self._dbus_channel: DBusNotifications | None = None if dbus is True else (dbus or None)
        if self._dbus_channel is not None:
            self._listen(self._dbus_channel)

    def _listen(self, dbus: DBusNotifications) -> None:
        dbus.action_invoked.connect(self._on_action)
        dbus.closed.connect(lambda token: self._clicks.pop(token, None))

    @property
    def _dbus(self) -> DBusNotifications | None:
        """The daemon's channel, opened on first use (None: through the tray icon)."""
        if not self._dbus_opened:
            self._dbus_opened = True
            if self._want_dbus:
                self._dbus_channel = DBusNotifications.open(self)
            if self._dbus_channel is not None:
                self._listen(self._dbus_channel)
            log.info(
                "notifications: %s",
                "D-Bus, with actions" if self._dbus_channel else "through the tray icon",
            )
        return self._dbus_channel

    @property
    def clickable(self) -> bool:
        return self._dbus is not None or CLICKABLE_TRAY_MESSAGES

    @property
    def offers_choices(self) -> bool:
        """Whether a notification can offer several buttons (`notify_choices`): only a
        daemon with actions can; the tray icon's messages have one click at most."""
        return self._dbus is not None

    def on_message_clicked(self) -> None:
        if self._on_click is not None:
            self._on_click()

    def _on_action(self, token: int, key: str) -> None:
        title, by_key = self._clicks.get(token, ("", {}))
        on_click = by_key.get(key)
        if on_click is None:
            return  # not one of its actions (a click on the body of one without a default)
        del self._clicks[token]
        log.info("notification clicked (%s): %s", key, title)
        on_click()
        self.clicked.emit(title)

    def notify(
        self,
        title: str,
        message: str,
        *,
        important: bool = False,
        on_click: Callable[[], object] | None = None,
        action: str | None = None,
    ) -> None:
        """Show a notification; `on_click` runs when it (or its `action` button) is clicked."""
        log.info("notification: %s: %s", title, message)
        timeout_ms = NOTIFY_IMPORTANT_MS if important else NOTIFY_QUIET_MS
        if self._dbus is not None:
            actions: list[tuple[str, str]] = []
            if on_click is not None:
                label = action or self.tr("Open")
                # "default": a click on the notification; "open": the same as a button, for
                # daemons that show only non-default actions as buttons (GNOME, KDE).
                actions = [(DEFAULT_ACTION, label), (OPEN_ACTION, label)]
            token = self._dbus.send(
                title,
                message,
                actions=actions,
                urgency=URGENCY_CRITICAL if important else URGENCY_NORMAL,
                timeout_ms=timeout_ms,
            )
            if on_click is not None:
                self._clicks[token] = (title, {DEFAULT_ACTION: on_click, OPEN_ACTION: on_click})
        else:
            self._on_click = on_click
            kind = (
                QSystemTrayIcon.MessageIcon.Warning
                if important
                else QSystemTrayIcon.MessageIcon.Information
            )
            self._icon.showMessage(title, message, kind, timeout_ms)
        self.notified.emit(title, message)

    def notify_choices(
        self,
        title: str,
        message: str,
        choices: Sequence[tuple[str, str, Callable[[], object]]],
        *,
        timeout_ms: int = NOTIFY_IMPORTANT_MS,
    ) -> int | None:
        """A notification with one button per `(key, label, run)` and no default action (a
        click on its body decides nothing). Only where `offers_choices`; elsewhere a plain
        notification, whose `message` must say where else to answer. Returns what
        `withdraw` takes (None: a tray icon message, which cannot be withdrawn)."""
        log.info("notification: %s: %s", title, message)
        if self._dbus is None:
            self._on_click = None
            self._icon.showMessage(
                title, message, QSystemTrayIcon.MessageIcon.Information, timeout_ms
            )
            token = None
        else:
            token = self._dbus.send(
                title,
                message,
                actions=[(key, label) for key, label, _ in choices],
                urgency=URGENCY_NORMAL,
                timeout_ms=timeout_ms,
            )
            self._clicks[token] = (title, {key: run for key, _, run in choices})
        self.notified.emit(title, message)
        return token

    def withdraw(self, token: int) -> None:
        """Close a `notify_choices` notification: its buttons would do nothing now."""
        self._clicks.pop(token, None)
        if self._dbus is not None:
            self._dbus.withdraw(token)
