"""The moment an idle stretch is suggested as a pause, ask: a notification "Idle 42 min
during ACME" with Keep / Pause / Split (a daemon with actions), or saying to answer in the
tray menu (none). A notification never takes the keyboard focus: the remote session keeps
it; until answered, the stretch is billed as worked time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from trayclock.services.pauses import Answer, Suggestion
from trayclock.services.tray_types import TraySnapshot
from trayclock.ui.notifier import Notifier
from trayclock.ui.session_model import TrayModel
from trayclock.ui.suggestions import ANSWERS, short_answer, suggestion_title, when_text

SUGGESTION_NOTICE_MS = 30_000  # the tech has just come back: time to read and choose


class SuggestionNotices(QObject):
    """Notifies each new suggestion the model reports; its buttons answer through the model."""

    def __init__(self, notifier: Notifier, model: TrayModel, parent: QObject | None = None):
        super().__init__(parent)
        self.notifier = notifier
        self.model = model
        self._asking: dict[int, int] = {}  # pause id -> its notification, until answered
        model.suggestion_recorded.connect(self.on_suggestion)
        model.changed.connect(self.on_changed)

    def on_suggestion(self, suggestion: Suggestion) -> None:
        title = suggestion_title(suggestion)
        snapshot = self.model.snapshot
        when = when_text(suggestion, snapshot.zone, snapshot.now.astimezone(snapshot.zone).date())
        if self.notifier.offers_choices:
            message = QCoreApplication.translate(
                "Suggestions",
                "No input %1. Keep it as worked time, pause it (not billed), or split the "
                "session there?",
            ).replace("%1", when)
            choices = [
                (str(answer), short_answer(answer), self._answering(suggestion.pause_id, answer))
                for answer in ANSWERS
            ]
            token = self.notifier.notify_choices(
                title, message, choices, timeout_ms=SUGGESTION_NOTICE_MS
            )
            if token is not None:
                self._asking[suggestion.pause_id] = token
            return
        message = QCoreApplication.translate(
            "Suggestions",
            "No input %1: billed as worked time until you answer. Keep, pause or split: see "
            "the tray menu.",
        ).replace("%1", when)
        self.notifier.notify(title, message)

    def on_changed(self, snapshot: TraySnapshot) -> None:
        """A question answered anywhere (here, the menu, the review window) leaves the screen."""
        open_ids = {s.pause_id for s in snapshot.suggestions}
        for pause_id in [p for p in self._asking if p not in open_ids]:
            self.notifier.withdraw(self._asking.pop(pause_id))

    def _answering(self, pause_id: int, answer: Answer) -> Callable[[], None]:
        return lambda: self.model.answer_suggestion(pause_id, answer)
