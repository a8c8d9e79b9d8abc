"""Clickable desktop notifications on Linux: org.freedesktop.Notifications over D-Bus.

Qt's tray icon sends its notifications there with no actions, so a click only closes one.
This sends them itself with a "default" action (what a click on the body does on most
notification daemons) and a labelled button, and listens for ActionInvoked on the same
connection (a daemon sends it to the sender only). PySide's QtDBus cannot send the spec's
uint32 argument, so the messages are made by jeepney (plain-Python D-Bus, which keyring
already brings on Linux); its socket is watched by a QSocketNotifier, so everything runs on
the GUI thread without waiting on the daemon, except a one-second handshake at start.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
HANDSHAKE_TIMEOUT_S = 1.0  # connecting and asking the daemon what it can do, at first use only
DEFAULT_ACTION = "default"  # the spec's key for "the notification itself was clicked"
URGENCY_NORMAL, URGENCY_CRITICAL = 1, 2


def escape_markup(text: str) -> str:
    """`text` shown as written by a daemon that reads markup: html.escape(quote=False),
    without importing the html package (its entity table stays out of the idle tray)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DBusNotifications(QObject):
    """One session-bus connection; `action_invoked(token, key)` when a notification's action
    (or the notification itself: key "default") is clicked."""

    action_invoked = Signal(int, str)
    closed = Signal(int)  # token: the notification went away without its action

    def __init__(self, connection: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from jeepney import DBusAddress

        self._conn = connection
        self._address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        self._tokens = itertools.count(1)
        self._serials = itertools.count(1_000_000)  # ours: jeepney's own start at 1
        self._sent: dict[int, int] = {}  # call serial -> token, until the daemon answers
        self._shown: dict[int, int] = {}  # notification id -> token
        self._withdrawn: set[int] = set()  # tokens to close once the daemon names their id
        self._watch = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._read)

    @classmethod
    def open(cls, parent: QObject | None = None) -> DBusNotifications | None:
        """The daemon of this session when it shows actions; None otherwise (no session bus,
        no daemon, a daemon without actions, no jeepney): then do not promise a click."""
        try:
            from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:
            return None
        try:
            conn = open_dbus_connection(bus="SESSION", auth_timeout=HANDSHAKE_TIMEOUT_S)
        except Exception as error:  # no bus address, refused, timed out: plain notifications
            log.info("no session D-Bus for notifications: %s", error)
            return None
        try:
            address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
            reply = conn.send_and_get_reply(
                new_method_call(address, "GetCapabilities"), timeout=HANDSHAKE_TIMEOUT_S
            )
            capabilities = reply.body[0] if reply.body else []
            if "actions" not in capabilities:
                log.info("the notification daemon shows no actions (%s)", capabilities)
                conn.close()
                return None
            rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
            conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=HANDSHAKE_TIMEOUT_S)
        except Exception as error:  # no daemon (ServiceUnknown), it hung: plain notifications
            log.info("no notification daemon with actions: %s", error)
            conn.close()
            return None
        return cls(conn, parent)

    def send(
        self,
        title: str,
        body: str,
        *,
        actions: Sequence[tuple[str, str]] = (),
        urgency: int = URGENCY_NORMAL,
        timeout_ms: int = -1,
        app_name: str = "trayclock",
    ) -> int:
        """Show a notification; returns the token its `action_invoked` will carry."""
        from jeepney import new_method_call

        token = next(self._tokens)
        flat = [part for key, label in actions for part in (key, label)]
        hints = {"urgency": ("y", urgency), "desktop-entry": ("s", app_name)}
        # Most daemons read the body as markup: what the store holds is shown as written.
        message = new_method_call(
            self._address,
            "Notify",
            "susssasa{sv}i",
            (app_name, 0, "", title, escape_markup(body), flat, hints, timeout_ms),
        )
        serial = next(self._serials)
        try:
            self._conn.send(message, serial=serial)
        except OSError as error:
            log.warning("notification not sent: %s", error)
            return token
        self._sent[serial] = token
        return token

    def _read(self) -> None:
        """Whatever the bus sent: the daemon's answers (ids) and its signals."""
        from jeepney.low_level import HeaderFields, MessageType

        while True:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            except Exception as error:  # the bus went away: stop watching a dead socket
                log.warning("notification D-Bus connection lost: %s", error)
                self._watch.setEnabled(False)
                return
            header = message.header
            if header.message_type in (MessageType.method_return, MessageType.error):
                token = self._sent.pop(header.fields.get(HeaderFields.reply_serial, -1), None)
                if token is not None and header.message_type is MessageType.method_return:
                    self._shown[int(message.body[0])] = token
                    if token in self._withdrawn:
                        self.withdraw(token)
                continue
            if header.message_type is not MessageType.signal:
                continue
            member = header.fields.get(HeaderFields.member)
            if member == "ActionInvoked" and len(message.body) == 2:
                token = self._shown.get(int(message.body[0]))
                if token is not None:
                    self.action_invoked.emit(token, str(message.body[1]))
            elif member == "NotificationClosed" and message.body:
                token = self._shown.pop(int(message.body[0]), None)
                if token is not None:
                    self.closed.emit(token)

    def withdraw(self, token: int) -> None:
        """Take the notification off the screen (its question was answered elsewhere)."""
        from jeepney import new_method_call

        found = next((nid for nid, t in self._shown.items() if t == token), None)
        if found is None:
            if token in self._sent.values():
                self._withdrawn.add(token)  # not shown yet: closed when its id comes
            return
        self._withdrawn.discard(token)
        message = new_method_call(self._address, "CloseNotification", "u", (found,))
        try:
            self._conn.send(message, serial=next(self._serials))
        except OSError as error:
            log.warning("notification not withdrawn: %s", error)

    def close(self) -> None:
        self._watch.setEnabled(False)
        self._conn.close()
