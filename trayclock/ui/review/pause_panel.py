"""The selection panel's pauses: the selected entry's pauses listed, a pause added from–to,
one removed or turned into a split, an idle suggestion paused or kept, and two pieces of one
call joined ("Join as one call"). It only shows and offers; the window connects the buttons
(`pause_actions.py`) and the store judges every change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time, timedelta, tzinfo

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.pauses import EntryPause, PauseState
from trayclock.services.review.pause_edits import can_join
from trayclock.services.review.rows import ReviewRow
from trayclock.ui.review.pause_texts import pause_line

PAUSE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LIST_ROWS = 4  # the list is this many lines high (two pauses); more pauses scroll
NEW_PAUSE_MINUTES = 10  # what the from–to boxes propose for a newly selected entry


def _button(text: str, name: str, parent: QWidget, tip: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class PausePanel(QGroupBox):
    """The pause controls for the selected entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pauses"), parent)
        self.setObjectName("pausePanel")
        self._pauses: dict[int, EntryPause] = {}
        self._entry: str | None = None
        self._editable = False  # one kept entry selected: its pauses can be changed
        column = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setObjectName("pauseList")
        self.list.setFixedHeight(self.fontMetrics().lineSpacing() * LIST_ROWS + 10)
        # A pause's line is long (when, how long, state, why): wrapped, never cut off.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_: self._enable_for_pause())
        column.addWidget(self.list)
        answers = QGridLayout()
        self.accept_button = _button(
            self.tr("Pause it"),
            "acceptPauseButton",
            self,
            self.tr("Accept the idle suggestion: its time is not billed"),
        )
        self.reject_button = _button(
            self.tr("Keep as worked"),
            "rejectPauseButton",
            self,
            self.tr("Turn the suggestion down: its time stays billed"),
        )
        self.split_button = _button(
            self.tr("Split there"),
            "splitPauseButton",
            self,
            self.tr("Make the pause the gap between two entries"),
        )
        self.remove_button = _button(
            self.tr("Remove"),
            "removePauseButton",
            self,
            self.tr("Take the pause away: its time is worked time again"),
        )
        answers.addWidget(self.accept_button, 0, 0)
        answers.addWidget(self.reject_button, 0, 1)
        answers.addWidget(self.split_button, 1, 0)
        answers.addWidget(self.remove_button, 1, 1)
        column.addLayout(answers)
        add = QHBoxLayout()
        self.from_edit = QTimeEdit(self)
        self.from_edit.setObjectName("pauseFromEdit")
        self.to_edit = QTimeEdit(self)
        self.to_edit.setObjectName("pauseToEdit")
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("HH:mm")
        self.add_button = _button(
            self.tr("Add pause"),
            "addPauseButton",
            self,
            self.tr("Not billed: from–to inside the entry, leaving some worked time"),
        )
        add.addWidget(self.from_edit)
        add.addWidget(QLabel("–", self))
        add.addWidget(self.to_edit)
        add.addWidget(self.add_button)
        column.addLayout(add)
        self.join_button = _button(
            self.tr("Join as one call"),
            "joinButton",
            self,
            self.tr(
                "Join the selected pieces of one call into one entry: the time between them "
                "becomes a pause"
            ),
        )
        column.addWidget(self.join_button)

    # ---- what the tech chose -----------------------------------------------------------------

    def selected_pause(self) -> EntryPause | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self._pauses.get(int(item.data(PAUSE_ID_ROLE)))

    def entry_id(self) -> str | None:
        """The entry whose pauses are listed (one selected), or None."""
        return self._entry

    def pause_from(self) -> time:
        return _time(self.from_edit.time())

    def pause_to(self) -> time:
        return _time(self.to_edit.time())

    def select_pause(self, pause_id: int) -> bool:
        for index in range(self.list.count()):
            item = self.list.item(index)
            if int(item.data(PAUSE_ID_ROLE)) == pause_id:
                self.list.setCurrentItem(item)
                return True
        return False

    # ---- showing -----------------------------------------------------------------------------

    def show_selection(self, rows: Sequence[ReviewRow], zone: tzinfo | None) -> None:
        """The pauses of the one selected entry (nothing for none or several)."""
        single = rows[0] if len(rows) == 1 else None
        previous = self.selected_pause()
        new_entry = (single.id if single is not None else None) != self._entry
        self._entry = single.id if single is not None else None
        self._pauses = {}
        self.list.clear()
        if single is not None:
            for pause in single.pauses:
                if pause.id is None:
                    continue
                self._pauses[pause.id] = pause
                item = QListWidgetItem(pause_line(pause, zone), self.list)
                item.setData(PAUSE_ID_ROLE, pause.id)
                item.setToolTip(item.text())
            if not self._pauses:
                empty = QListWidgetItem(self.tr("No pauses"), self.list)
                empty.setData(PAUSE_ID_ROLE, -1)
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
            keep = previous.id if previous is not None and not new_entry else None
            if keep is None or not self.select_pause(keep):
                self._select_first()
            if new_entry:
                self._propose_times(single, zone)
        editable = self._editable = single is not None and not single.discarded
        for widget in (self.from_edit, self.to_edit, self.add_button):
            widget.setEnabled(editable)
        self.list.setEnabled(single is not None)
        self.join_button.setEnabled(can_join(rows))
        self._enable_for_pause()

    def _select_first(self) -> None:
        """The first suggestion (what waits for an answer), else the first pause."""
        ordered = sorted(self._pauses.values(), key=lambda p: p.state is not PauseState.SUGGESTED)
        if ordered and ordered[0].id is not None:
            self.select_pause(ordered[0].id)

    def _propose_times(self, row: ReviewRow, zone: tzinfo | None) -> None:
        start, end = row.start.astimezone(zone), row.end.astimezone(zone)
        middle = start + (end - start) / 2
        until = min(middle + timedelta(minutes=NEW_PAUSE_MINUTES), end)
        self.from_edit.setTime(_qtime(middle.time()))
        self.to_edit.setTime(_qtime(until.time()))

    def _enable_for_pause(self) -> None:
        pause = self.selected_pause() if self._editable else None
        suggested = pause is not None and pause.state is PauseState.SUGGESTED
        self.accept_button.setEnabled(suggested)
        self.reject_button.setEnabled(suggested)
        self.split_button.setEnabled(pause is not None and pause.live)
        self.remove_button.setEnabled(pause is not None)
