"""The tray icon's tooltip: what it says, and keeping it off the menu while the tech uses that."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QSystemTrayIcon

from trayclock.services.tray_types import SYNC_FAILING, SYNC_PENDING, TraySnapshot
from trayclock.ui.sync_words import tray_line
from trayclock.ui.texts import customer_label, elapsed, row_label

# Windows cuts tray tooltips at 127 characters: there, each session shows its customer only.
COMPACT_TOOLTIP = sys.platform == "win32"
# After the menu closes, the tooltip comes back once the pointer has left the icon: this far
# from where the menu closed, looked at this often.
TOOLTIP_RELEASE_PX = 24
TOOLTIP_RELEASE_CHECK_MS = 250
# A pointer left resting on the icon is not watched for ever: after this long, the tooltip
# comes back anyway (the menu is long closed; an idle tray must stop ticking).
TOOLTIP_RELEASE_GIVE_UP_MS = 15_000


class TrayTooltip(QObject):
    """Words the icon's tooltip and sets it, except over an open menu.

    The tray host draws the tooltip under the pointer, over the top of the menu, and shows
    it again at once after Escape while the pointer rests on the icon: so there is none
    while the menu is open, nor after it until the pointer has moved away.
    """

    def __init__(
        self,
        icon: QSystemTrayIcon,
        snapshot: Callable[[], TraySnapshot],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._icon = icon
        self._snapshot = snapshot
        self._menu_open = False
        self._held_at: QPoint | None = None  # the pointer when the menu closed
        self._release = QTimer(self)
        self._release.setInterval(TOOLTIP_RELEASE_CHECK_MS)
        self._release.timeout.connect(self.release)
        self._give_up = QTimer(self)
        self._give_up.setSingleShot(True)
        self._give_up.setInterval(TOOLTIP_RELEASE_GIVE_UP_MS)
        self._give_up.timeout.connect(lambda: self.release(force=True))

    def text(self, snapshot: TraySnapshot, *, compact: bool = COMPACT_TOOLTIP) -> str:
        lines = ["trayclock"]
        if snapshot.detection_paused:
            lines.append(self.tr("Detection paused: new sessions are not recorded"))
        if not snapshot.running:
            lines.append(self.tr("No session running"))
        for row in snapshot.running:
            label = customer_label(row) if compact else row_label(row)
            lines.append(f"{label} — {elapsed(row.entry.worked(snapshot.now))}")  # pauses left out
        lines.append(self.tr("Today so far: {total}").format(total=elapsed(snapshot.today)))
        if snapshot.sync.state in (SYNC_FAILING, SYNC_PENDING):
            lines.append(tray_line(snapshot.sync, snapshot.now))
        if snapshot.unattached:
            lines.append(
                self.tr("%n ended session(s) wait for a customer", "", len(snapshot.unattached))
            )
        if snapshot.suggestions:
            count = len(snapshot.suggestions)
            lines.append(self.tr("%n idle stretch(es) to answer: see the menu", "", count))
        return "\n".join(lines)

    @property
    def held(self) -> bool:
        return self._menu_open or self._release.isActive()

    def show(self, snapshot: TraySnapshot) -> None:
        """The tooltip for `snapshot` now, unless a menu holds it back (then once it is over)."""
        if not self.held:
            self._set(self.text(snapshot))

    def _set(self, text: str) -> None:
        # Each change is a message to the tray host: none when the words are the same.
        if text != self._icon.toolTip():
            self._icon.setToolTip(text)

    def on_menu_shown(self) -> None:
        self._menu_open = True
        self._release.stop()
        self._give_up.stop()
        self._set("")

    def on_menu_hidden(self) -> None:
        self._menu_open = False
        self._held_at = QCursor.pos()
        self._release.start()
        self._give_up.start()

    def release(self, *, force: bool = False) -> None:
        """The tooltip again, once the pointer has left where the menu closed (`force`: now)."""
        at = self._held_at
        near = at is not None and (QCursor.pos() - at).manhattanLength() < TOOLTIP_RELEASE_PX
        if near and not force:
            return
        self.stop()
        self._set(self.text(self._snapshot()))

    def stop(self) -> None:
        self._release.stop()
        self._give_up.stop()
