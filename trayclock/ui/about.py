""" "About trayclock": its version, where its data, settings and log live, and its licence."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from trayclock import __version__
from trayclock.config import Paths


class AboutBox(QMessageBox):
    """A plain box, not modal (the tray's menu stays usable); its text can be selected and
    copied (a folder to paste into a file manager)."""

    def __init__(self, app_paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutBox")
        self.setWindowTitle(self.tr("About trayclock"))
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(self.tr("trayclock {version}").format(version=__version__))
        self.setInformativeText("\n\n".join(self.lines(app_paths)))
        self.setStandardButtons(QMessageBox.StandardButton.Close)

    def lines(self, app_paths: Paths) -> list[str]:
        return [
            self.tr(
                "Notices remote-support sessions, asks which customer each was for, and "
                "prices the day by your company's billing rules."
            ),
            "\n".join(
                (
                    self.tr("Data: {folder}").format(folder=app_paths.data_dir),
                    self.tr("Settings: {folder}").format(folder=app_paths.config_dir),
                    self.tr("Log: {folder}").format(folder=app_paths.log_dir),
                )
            ),
            self.tr("Qt {qt}, PySide6 {pyside}, Python {python}").format(
                qt=qVersion(), pyside=PySide6.__version__, python=platform.python_version()
            ),
            self.tr(
                "Licence: all rights reserved by its authors; no licence to copy or change "
                "it has been granted yet. Qt and Qt for Python (PySide6) are used under the "
                "GNU LGPL version 3."
            ),
        ]
