"""The window shown instead of the tray icon when the desktop has no tray at all.

It says what the tooltip would say and offers the tray's menu as a button, so trayclock is
never running invisibly. Closing it quits: with no tray there is no other way back.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from trayclock.services.tray_types import TraySnapshot
from trayclock.ui.tray import TrayController


class StatusWindow(QWidget):
    def __init__(self, controller: TrayController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusWindow")
        self.setWindowTitle(self.tr("trayclock"))
        self._controller = controller
        self.note = QLabel(
            self.tr("This desktop has no system tray, so trayclock shows this window."), self
        )
        self.note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.menu_button = QPushButton(self.tr("Menu…"), self)
        self.menu_button.setObjectName("menuButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(self.menu_button)
        layout.addStretch(1)
        self.menu_button.clicked.connect(self.on_menu)
        controller.model.changed.connect(self.on_changed)
        controller.state_changed.connect(
            lambda _state: self.setWindowIcon(controller.window_icon())
        )
        self.setWindowIcon(controller.window_icon())
        self.on_changed(controller.model.snapshot)
        self.resize(380, 180)

    def on_changed(self, snapshot: TraySnapshot) -> None:
        self.status.setText(self._controller.tooltip(snapshot))

    def on_menu(self) -> None:
        self._controller.model.refresh()
        self._controller.menu.popup(
            self.menu_button.mapToGlobal(QPoint(0, self.menu_button.height()))
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self._controller.quit_requested.emit()
