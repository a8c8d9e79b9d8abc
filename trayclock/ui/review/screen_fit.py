"""The review window on the screen: at most its preferred size, within the screen's free area.

Opened 1280×800 on a 1280×800 screen, the window manager put it below the panel and its
bottom (the totals, Submit) off-screen. It is sized and centred within the available
geometry with the window manager's frame, guessed first and corrected once the frame is
known (X11 reports it only after the window is mapped).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The frame (title bar, borders) before the window manager has drawn it: a generous guess.
FRAME_GUESS_PX = (16, 48)


class ScreenFit(QObject):
    """Fits `window` now (`fit`), and once more when its real frame is known."""

    def __init__(self, window: QWidget, preferred_px: tuple[int, int]) -> None:
        super().__init__(window)
        self._window = window
        self._preferred = preferred_px
        self._frame_known = False
        window.installEventFilter(self)

    def fit(self) -> None:
        window = self._window
        screen = window.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        frame, inner = window.frameGeometry(), window.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        if not self._frame_known:
            extra_w, extra_h = max(extra_w, FRAME_GUESS_PX[0]), max(extra_h, FRAME_GUESS_PX[1])
        width = min(self._preferred[0], area.width() - extra_w)
        height = min(self._preferred[1], area.height() - extra_h)
        window.resize(width, height)
        # move() places the frame's corner, not the client area's.
        window.move(
            area.left() + max(0, (area.width() - width - extra_w) // 2),
            area.top() + max(0, (area.height() - height - extra_h) // 2),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self._window
        if (
            watched is window
            and event.type() == QEvent.Type.Move
            and not self._frame_known
            and window.isVisible()
            and not (window.isMaximized() or window.isFullScreen())
            and window.frameGeometry().size() != window.geometry().size()
        ):
            self._frame_known = True  # the window manager has framed it: fit with the frame
            self.fit()
        return False
