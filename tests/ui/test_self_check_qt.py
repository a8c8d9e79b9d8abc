"""The Qt side of the self-check: Qt's facts from the running application, and "Copy
diagnostics" putting the same report as `trayclock --self-check` on the clipboard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from stand_in_file_manager import FileManager

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


def test_open_log_folder_hands_the_log_folder_to_the_file_manager(
    qtbot: QtBot, private_home: Path, file_manager: FileManager
) -> None:
    assert open_log_folder()
    log_dir = paths().log_dir
    assert file_manager.opened == [str(log_dir)] and log_dir.is_dir()
    assert log_dir.is_relative_to(private_home)
