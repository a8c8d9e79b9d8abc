"""The Qt side of the self-check: Qt's facts (version, platform plugin, tray), the text
"Copy diagnostics" puts on the clipboard (the same report as `trayclock --self-check`), and
"Open log folder". The tray menu calls these; the menu items come with the menu's work."""

from __future__ import annotations

import json
import sys
from typing import Any

import PySide6
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from trayclock.config import Paths, paths
from trayclock.diagnostics.collect import QtProbe, collect
from trayclock.diagnostics.report import format_text
from trayclock.domain.clock import Clock


def qt_facts() -> dict[str, Any]:
    """What the running Qt application sees (a QGuiApplication must exist)."""
    screens = [
        f"{screen.name() or 'screen'} {screen.size().width()}×{screen.size().height()}, "
        f"available {screen.availableGeometry().width()}×{screen.availableGeometry().height()}"
        f", {screen.devicePixelRatio():g}× pixels"
        for screen in QGuiApplication.screens()
    ]
    return {
        "qt": qVersion(),
        "pyside": PySide6.__version__,
        "platform": QGuiApplication.platformName(),
        "tray": QSystemTrayIcon.isSystemTrayAvailable(),
        "messages": QSystemTrayIcon.supportsMessages(),
        "screens": screens,
    }


def probe_main() -> int:
    """`trayclock --self-check --qt-probe`: start Qt, print its facts as one JSON line."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(json.dumps(qt_facts()), flush=True)
    del app
    return 0


def diagnostics_text(clock: Clock) -> str:
    """The self-check report, asked of the running Qt (no child process)."""
    return format_text(collect(clock, QtProbe(qt_facts())))


def copy_diagnostics(clock: Clock) -> str:
    """The menu's "Copy diagnostics": the report onto the clipboard; returns it."""
    text = diagnostics_text(clock)
    QGuiApplication.clipboard().setText(text)
    return text


def open_log_folder(app_paths: Paths | None = None) -> bool:
    """The menu's "Open log folder": the platform's file manager on trayclock's log folder
    (made if missing); False when no file manager took it."""
    folder = (paths() if app_paths is None else app_paths).ensure().log_dir
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
