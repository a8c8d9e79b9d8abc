"""The review window's pause wiring: the panel's pause controls and the list of idle
suggestions, connected to the pause edits (`services/review/pause_edits.py`). Each change
runs through the window's one `change` (a refused one shows the store's message; a made one
is re-priced at once) and is announced to the tray by the edits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance

from trayclock.services.pauses import Answer
from trayclock.services.review.edits import Selection
from trayclock.services.review.pause_edits import PauseEdits
from trayclock.services.review.rows import ReviewRow
from trayclock.services.review.source import ReviewSource
from trayclock.ui.review.pause_panel import PausePanel
from trayclock.ui.review.suggestion_bar import SuggestionBar


class PauseHost(Protocol):
    """What the pause wiring needs of the review window."""

    source: ReviewSource

    def selected_rows(self) -> list[ReviewRow]: ...

    def change(self, action: Callable[[], Selection | None]) -> bool: ...

    def shown_zone(self) -> tzinfo: ...

    def show_entry(self, uuid: str) -> bool: ...


class PauseActions(QObject):
    """Connects `panel` and `bar` to the pause edits of `host`'s store; the panel follows
    the selection (`selection_changed`)."""

    def __init__(
        self,
        host: PauseHost,
        selection_changed: SignalInstance,
        panel: PausePanel,
        bar: SuggestionBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.panel = panel
        self.bar = bar
        self.edits = PauseEdits(host.source)
        selection_changed.connect(self.show_selection)
        wiring: tuple[tuple[SignalInstance, Callable[[], object]], ...] = (
            (panel.add_button.clicked, self.add_to_selected),
            (panel.remove_button.clicked, self.remove_selected_pause),
            (panel.split_button.clicked, self.split_at_selected_pause),
            (panel.accept_button.clicked, lambda: self.answer_selected_pause(Answer.PAUSE)),
            (panel.reject_button.clicked, lambda: self.answer_selected_pause(Answer.KEEP)),
            (panel.join_button.clicked, self.join_selected),
        )
        for signal, slot in wiring:
            signal.connect(slot)
        bar.answered.connect(self.answer_suggestion)
        bar.show_requested.connect(host.show_entry)

    def refresh_suggestions(self) -> None:
        """Read the unanswered suggestions again (the window calls this on each reload)."""
        self.bar.show_suggestions(self.edits.suggestions(), self.host.source.zone())

    def show_selection(self) -> None:
        rows = self.host.selected_rows()
        self.panel.show_selection(rows, self.host.shown_zone() if rows else None)

    # ---- the edits ---------------------------------------------------------------------------

    def add_to_selected(self) -> None:
        rows = self.host.selected_rows()
        if rows:
            zone = self.host.shown_zone()
            start, end = self.panel.pause_from(), self.panel.pause_to()
            self.host.change(lambda: self.edits.add(rows, zone, start, end))

    def remove_selected_pause(self) -> None:
        pause, entry = self.panel.selected_pause(), self.panel.entry_id()
        if pause is not None and pause.id is not None and entry is not None:
            pause_id = pause.id
            self.host.change(lambda: self.edits.remove(entry, pause_id))

    def split_at_selected_pause(self) -> None:
        pause = self.panel.selected_pause()
        if pause is not None and pause.id is not None:
            pause_id = pause.id
            self.host.change(lambda: self.edits.split(pause_id))

    def answer_selected_pause(self, answer: Answer) -> None:
        pause, entry = self.panel.selected_pause(), self.panel.entry_id()
        if pause is not None and pause.id is not None and entry is not None:
            pause_id = pause.id
            self.host.change(lambda: self.edits.answer(entry, pause_id, answer))

    def answer_suggestion(self, pause_id: int, answer: Answer) -> None:
        """One click in the list of suggestions: the entry it was on stays selected."""
        entry = next((s.entry_uuid for s in self.edits.suggestions() if s.pause_id == pause_id), "")
        if not entry:
            self.refresh_suggestions()  # answered elsewhere meanwhile
            return
        self.host.change(lambda: self.edits.answer(entry, pause_id, answer))

    def join_selected(self) -> None:
        rows = self.host.selected_rows()
        self.host.change(lambda: self.edits.join(rows))
