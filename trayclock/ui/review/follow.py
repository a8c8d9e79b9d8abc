"""The open review window follows the store: what changed says whether to read, price or wait.

A change announced in this process (`services.store_events`) is read once per burst, keeping
the tech's selection and scroll place; a heartbeat only moves running entries' "so far"
(nothing is priced again); a hidden window reads afresh when shown; what another process
wrote (the CLI) is seen through `ReviewSource.changed_elsewhere` on the heartbeat and when
the window becomes active again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from trayclock.services.review.source import ReviewSource
from trayclock.services.store_events import ChangeKind, StoreChange

FOLLOW_DELAY_MS = 50  # a burst of store changes (a session's events) is read once


class StoreFollower(QObject):
    """Watches the store for `window`; calls `reload` (a full re-read keeping the place),
    `advance` (running times only) or `mark_stale` (read when shown again)."""

    def __init__(
        self,
        window: QWidget,
        source: ReviewSource,
        *,
        reload: Callable[[], None],
        advance: Callable[[], None],
        mark_stale: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._source = source
        self._advance = advance
        self._mark_stale = mark_stale
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.setInterval(FOLLOW_DELAY_MS)
        self._due.timeout.connect(reload)
        unsubscribe = source.events.subscribe(self.on_store_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        window.installEventFilter(self)

    def cancel(self) -> None:
        """A reload is happening anyway: nothing is due any more."""
        self._due.stop()

    def on_store_changed(self, change: StoreChange) -> None:
        if change.origin is self._source:
            return  # the window's own edit: already re-read
        if not self._window.isVisible():
            self._mark_stale()
            return
        if change.kind is ChangeKind.RUNNING_TIMES and not self._source.changed_elsewhere():
            self._advance()
            return
        self._due.start()  # once, for a burst of changes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Back to the window after working elsewhere: the CLI may have written meanwhile.
        if (
            watched is self._window
            and event.type() == QEvent.Type.ActivationChange
            and self._window.isVisible()  # a closed window reads nothing (its store may be gone)
            and self._window.isActiveWindow()
            and self._source.changed_elsewhere()
        ):
            self._due.start()
        return False
