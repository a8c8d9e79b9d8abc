"""A stand-in for the desktop's file manager, for the tests that open a folder."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Slot


class FileManager(QObject):
    """Stands in for the desktop's file manager: the local paths Qt sent it (file URLs)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())
