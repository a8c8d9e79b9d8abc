"""The tray's sync part: the menu's sync line with "Sync now" (and "Enter the password…"
while a refused login pauses sync), and the notification that asks for the password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from trayclock.services.tray_types import SYNC_OFF, SyncHealth, TraySnapshot
from trayclock.ui.notifier import Notifier
from trayclock.ui.sync_words import NEEDS_PASSWORD, problem_words, secret_word, tray_line

# Adds a named action to a menu that runs `slot` once the menu has closed (TrayController's).
AddAction = Callable[[QMenu, str, str, Callable[[], object]], QAction]


def add_sync_entries(
    menu: QMenu,
    snapshot: TraySnapshot,
    add_action: AddAction,
    *,
    sync_now: Callable[[], object],
    ask_password: Callable[[], object] | None,
) -> None:
    sync = snapshot.sync
    line = menu.addAction(tray_line(sync, snapshot.now))
    line.setObjectName("syncStatus")
    line.setEnabled(False)
    if sync.problem == NEEDS_PASSWORD and ask_password is not None:
        add_action(
            menu,
            "syncPassword",
            QCoreApplication.translate("SyncTray", "Enter the {secret}…").format(
                secret=secret_word(sync.kind)
            ),
            ask_password,
        )
    now = add_action(menu, "syncNow", QCoreApplication.translate("SyncTray", "Sync now"), sync_now)
    now.setEnabled(sync.state != SYNC_OFF)


def notify_password_needed(
    notifier: Notifier, health: SyncHealth, ask_password: Callable[[], object]
) -> None:
    """The backend refused the login: sync is paused until the password is typed again."""
    how = (
        QCoreApplication.translate("SyncTray", "Click here to enter it again.")
        if notifier.clickable
        else QCoreApplication.translate("SyncTray", "Enter it again from the tray menu.")
    )
    notifier.notify(
        QCoreApplication.translate("SyncTray", "Sync paused"),
        f"{problem_words(health)}. {how}",
        on_click=ask_password,
        action=QCoreApplication.translate("SyncTray", "Enter password"),
        important=True,
    )
