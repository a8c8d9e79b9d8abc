"""The Qt side of the self-check: Qt's facts (version, platform plugin, tray), and the text
"Copy diagnostics" puts on the clipboard (the same report as `trayclock --self-check`)."""

from __future__ import annotations

import json
import sys
from typing import Any

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

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
