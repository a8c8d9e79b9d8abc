"""The review window's list of every unanswered idle suggestion, whatever day it is on: one
line each ("Mon 23 12:10–12:52 · Idle 42 min during ACME") with one click to pause it
(accept: not billed), keep it (reject: billed as worked), split there, or show its entry.
Hidden while there is none; it only shows and reports, the window makes the change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trayclock.services.pauses import Answer, Suggestion
from trayclock.ui.suggestions import answer_label, short_answer, suggestion_title, when_text

BAR_MAX_SUGGESTIONS = 4  # lines shown at once (the oldest); the rest are counted
BAR_STYLE = "QFrame#suggestionBar { background: #fff6e0; border: 1px solid #e0b860; }"
# The buttons of a line, in their order: accept and reject first (the one-click answers).
BAR_ANSWERS = (Answer.PAUSE, Answer.KEEP, Answer.SPLIT)


class SuggestionBar(QFrame):
    """Unanswered suggestions; `answered(pause_id, Answer)`, `show_requested(entry_uuid)`."""

    answered = Signal(int, object)
    show_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionBar")
        self.setStyleSheet(BAR_STYLE)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        self.header = QLabel(
            self.tr("Idle time to answer — billed as worked time until you pause it:"), self
        )
        self.header.setObjectName("suggestionHeader")
        column.addWidget(self.header)
        self._lines = QWidget(self)
        self._grid = QGridLayout(self._lines)
        self._grid.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._lines)
        self.more = QLabel(self)
        self.more.setObjectName("suggestionMore")
        column.addWidget(self.more)
        self._shown: tuple[int, ...] = ()
        self.hide()

    def shown_ids(self) -> tuple[int, ...]:
        """The suggestions listed now (pause ids, oldest first)."""
        return self._shown

    def show_suggestions(self, suggestions: Sequence[Suggestion], zone: tzinfo | None) -> None:
        listed = tuple(suggestions[:BAR_MAX_SUGGESTIONS])
        self._shown = tuple(s.pause_id for s in listed)
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for line, suggestion in enumerate(listed):
            self._add_line(line, suggestion, zone)
        left = len(suggestions) - len(listed)
        self.more.setText(self.tr("…and %n more", "", left) if left > 0 else "")
        self.more.setVisible(left > 0)
        self.setVisible(bool(listed))

    def _add_line(self, line: int, suggestion: Suggestion, zone: tzinfo | None) -> None:
        text = f"{when_text(suggestion, zone)} · {suggestion_title(suggestion)}"
        label = QLabel(text, self._lines)
        label.setObjectName(f"suggestionText:{suggestion.pause_id}")
        self._grid.addWidget(label, line, 0)
        pause_id = suggestion.pause_id
        for place, answer in enumerate(BAR_ANSWERS, start=1):
            button = QPushButton(short_answer(answer), self._lines)
            button.setObjectName(f"suggestion{answer.value.title()}:{pause_id}")
            button.setToolTip(answer_label(answer))
            button.clicked.connect(lambda _=False, a=answer: self.answered.emit(pause_id, a))
            self._grid.addWidget(button, line, place)
        show = QPushButton(self.tr("Show"), self._lines)
        show.setObjectName(f"suggestionShow:{pause_id}")
        show.setToolTip(self.tr("Show this entry in the review"))
        uuid = suggestion.entry_uuid
        show.clicked.connect(lambda _=False: self.show_requested.emit(uuid))
        self._grid.addWidget(show, line, len(BAR_ANSWERS) + 1)
        self._grid.setColumnStretch(0, 1)
