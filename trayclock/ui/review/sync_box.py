"""The selection panel's sync part: where the selected entry stands with the billing backend
in words (queued, synced, changed, refused with the backend's message, invoiced and
locked), and for a conflict its two choices, "Keep mine" and "Take theirs" (the window
connects them to services/sync.py, which writes both to the audit trail)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trayclock.services.review.rows import ReviewRow
from trayclock.services.sync import EntrySync
from trayclock.ui.review.colours import ALERT
from trayclock.ui.sync_words import SYNC_ALERTS, state_sentence


class SyncBox(QWidget):
    """Hidden unless one entry is selected and a backend is set up (or it was submitted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBox")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("syncLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.label)
        choices = QHBoxLayout()
        self.keep_mine_button = QPushButton(self.tr("Keep mine"), self)
        self.keep_mine_button.setObjectName("keepMineButton")
        self.keep_mine_button.setToolTip(
            self.tr("Write trayclock's values over the line in the backend")
        )
        self.take_theirs_button = QPushButton(self.tr("Take theirs"), self)
        self.take_theirs_button.setObjectName("takeTheirsButton")
        self.take_theirs_button.setToolTip(self.tr("Make this entry match the line in the backend"))
        choices.addWidget(self.keep_mine_button)
        choices.addWidget(self.take_theirs_button)
        choices.addStretch(1)
        column.addLayout(choices)
        self.show_row(None, None, "")

    def show_row(self, row: ReviewRow | None, line: EntrySync | None, kind: str) -> None:
        """The one selected row's sync state (None: several or none selected)."""
        shown = row is not None and (bool(kind) or row.sync_state != "local")
        self.setVisible(shown)
        conflict = row is not None and row.sync_state == "conflict"
        self.keep_mine_button.setVisible(conflict)
        self.take_theirs_button.setVisible(conflict)
        if row is None:
            self.label.setText("")
            return
        self.label.setText(state_sentence(row.sync_state, line, kind))
        alert = row.sync_state in SYNC_ALERTS
        self.label.setStyleSheet(f"color: {ALERT};" if alert else "")
