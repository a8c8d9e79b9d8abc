"""The Qt side of the self-check: Qt's facts from the running application, and "Copy
diagnostics" putting the same report as `trayclock --self-check` on the clipboard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from pytestqt.qtbot import QtBot

from trayclock.config import paths
from trayclock.domain.clock import ManualClock
from trayclock.ui.self_check import copy_diagnostics, open_log_folder, qt_facts

CLOCK = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def test_qt_facts_of_the_running_application(qtbot: QtBot) -> None:
    facts = qt_facts()
    assert facts["platform"] == QGuiApplication.platformName() == "offscreen"
    assert facts["tray"] is False  # offscreen has no tray: the check must say so
    assert facts["qt"].count(".") == 2 and facts["screens"]


def test_copy_diagnostics_puts_the_report_on_the_clipboard(qtbot: QtBot) -> None:
    text = copy_diagnostics(CLOCK)
    assert QGuiApplication.clipboard().text() == text
    for heading in ("== Versions", "== Qt", "== Detection", "== Folders", "== Keyring"):
        assert heading in text
    assert "Qt platform plugin: offscreen" in text
    assert "system tray: Qt finds no system tray" in text


class FileManager(QObject):
    """Stands in for the desktop's file manager: where Qt would send a file URL."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def test_open_log_folder_hands_the_log_folder_to_the_file_manager(
    qtbot: QtBot, private_home: Path
) -> None:
    manager = FileManager()
    QDesktopServices.setUrlHandler("file", manager, "show")
    try:
        assert open_log_folder()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    log_dir = paths().log_dir
    assert manager.opened == [str(log_dir)] and log_dir.is_dir()
    assert log_dir.is_relative_to(private_home)
