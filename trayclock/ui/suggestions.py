"""Idle suggestions as the tray asks about them: the words ("Idle 42 min during ACME — keep /
pause / split"), the three answers, and the tray menu's entries (one submenu per unanswered
suggestion). The notification is `suggestions_notify.py`; the review window lists them too
(`ui/review/suggestion_bar.py`). None of these takes the keyboard focus."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from trayclock.services.pauses import Answer, Suggestion
from trayclock.services.tray_types import TraySnapshot
from trayclock.ui.formats import span_text, weekday_day_text
from trayclock.ui.texts import app_label, duration_text

MENU_MAX_SUGGESTIONS = 5  # asked in the menu at once (oldest first); the review lists all
# How the tray adds an action that runs after its menu has closed (TrayController._action).
AddAction = Callable[[QMenu, str, str, Callable[[], object]], QAction]
AnswerFn = Callable[[int, Answer], object]


def during(suggestion: Suggestion) -> str:
    """Whose session it was: the customer, or the app and partner while it has none."""
    if suggestion.customer:
        return suggestion.customer
    return f"{app_label(suggestion.app)} {suggestion.partner}".strip()


def suggestion_title(suggestion: Suggestion) -> str:
    """ "Idle 42 min during ACME"."""
    return (
        QCoreApplication.translate("Suggestions", "Idle %1 during %2")
        .replace("%1", duration_text(suggestion.length.total_seconds() / 60.0))
        .replace("%2", during(suggestion))
    )


def question_text(suggestion: Suggestion) -> str:
    """ "Idle 42 min during ACME — keep / pause / split"."""
    return QCoreApplication.translate("Suggestions", "%1 — keep / pause / split").replace(
        "%1", suggestion_title(suggestion)
    )


def when_text(suggestion: Suggestion, zone: tzinfo | None = None, today: date | None = None) -> str:
    """ "12:10–12:52" in `zone` (None: this computer's); with its day ("Mon 23 12:10–12:52",
    "Mo., 23. 12:10–12:52") when that is not `today` (None: always with its day)."""
    start, end = suggestion.start.astimezone(zone), suggestion.end.astimezone(zone)
    when = span_text(start, end)
    return when if start.date() == today else f"{weekday_day_text(start.date())} {when}"


def answer_label(answer: Answer) -> str:
    """An answer as a menu item or a tooltip says it, with what it does."""
    return _answer_words(answer)[1]


def short_answer(answer: Answer) -> str:
    """An answer in one word (the notification's buttons, the review's)."""
    return _answer_words(answer)[0]


def _answer_words(answer: Answer) -> tuple[str, str]:
    """An answer's one word and its words with what it does, in the UI's language (each a
    literal translate call: lupdate reads no alias)."""
    if answer is Answer.KEEP:
        return (
            QCoreApplication.translate("Suggestions", "Keep"),
            QCoreApplication.translate("Suggestions", "Keep: bill it as worked time"),
        )
    if answer is Answer.PAUSE:
        return (
            QCoreApplication.translate("Suggestions", "Pause"),
            QCoreApplication.translate("Suggestions", "Pause: do not bill it"),
        )
    return (
        QCoreApplication.translate("Suggestions", "Split"),
        QCoreApplication.translate("Suggestions", "Split the session there"),
    )


ANSWERS = (Answer.KEEP, Answer.PAUSE, Answer.SPLIT)  # the question's order


def add_suggestion_menus(
    menu: QMenu, snapshot: TraySnapshot, answer: AnswerFn, add_action: AddAction
) -> list[QMenu]:
    """One submenu per unanswered suggestion of `snapshot` (the oldest first), each with its
    time in the snapshot's zone (its day too, when not today) and the three answers; the
    submenus made (the tray deletes them when it rebuilds its menu)."""
    suggestions, zone = snapshot.suggestions, snapshot.zone
    if not suggestions:
        return []
    menu.addSeparator()
    header = menu.addAction(
        QCoreApplication.translate("Suggestions", "Idle time: billed until you answer")
    )
    header.setEnabled(False)
    made = []
    for suggestion in suggestions[:MENU_MAX_SUGGESTIONS]:
        sub = menu.addMenu(question_text(suggestion))
        sub.setObjectName(f"suggestion:{suggestion.pause_id}")
        made.append(sub)
        when = sub.addAction(when_text(suggestion, zone, snapshot.now.astimezone(zone).date()))
        when.setEnabled(False)
        pause_id = suggestion.pause_id
        for choice in ANSWERS:
            add_action(sub, str(choice), answer_label(choice), _answering(answer, pause_id, choice))
    left = len(suggestions) - MENU_MAX_SUGGESTIONS
    if left > 0:
        more = menu.addAction(
            QCoreApplication.translate("Suggestions", "More in the review window: %1").replace(
                "%1", str(left)
            )
        )
        more.setEnabled(False)
    return made


def _answering(answer: AnswerFn, pause_id: int, choice: Answer) -> Callable[[], object]:
    return lambda: answer(pause_id, choice)
