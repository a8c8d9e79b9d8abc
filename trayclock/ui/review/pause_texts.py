"""How the review window words an entry's pauses: its duration with them ("55 min, 30 min
paused"), an idle suggestion not answered yet, and one pause as a line of the panel's list."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from PySide6.QtCore import QCoreApplication

from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState
from trayclock.services.review.rows import ReviewRow
from trayclock.ui.formats import span_text
from trayclock.ui.texts import duration_text


def suggested_minutes(row: ReviewRow) -> float:
    """How long its unanswered idle suggestions last (up to where the row ends now)."""
    total = timedelta(0)
    for pause in row.pauses:
        if pause.state is PauseState.SUGGESTED:
            total += max(timedelta(0), min(pause.end, row.end) - pause.start)
    return total.total_seconds() / 60.0


def duration_with_pauses(row: ReviewRow) -> str:
    """The worked time, and what is paused or suggested: "55 min, 30 min paused"."""
    text = duration_text(row.worked_minutes)
    if row.paused_minutes > 0:
        text = (
            QCoreApplication.translate("Pauses", "%1, %2 paused")
            .replace("%1", text)
            .replace("%2", duration_text(row.paused_minutes))
        )
    idle = suggested_minutes(row)
    if idle > 0:
        text = (
            QCoreApplication.translate("Pauses", "%1 · idle %2 (suggested)")
            .replace("%1", text)
            .replace("%2", duration_text(idle))
        )
    return text


def origin_text(origin: PauseOrigin) -> str:
    """Why the pause is there, in a few words."""
    if origin is PauseOrigin.SLEEP:
        return QCoreApplication.translate("Pauses", "the computer slept")
    if origin is PauseOrigin.CLOCK:
        return QCoreApplication.translate("Pauses", "the clock jumped")
    if origin is PauseOrigin.RESTART:
        return QCoreApplication.translate("Pauses", "trayclock was not running")
    if origin is PauseOrigin.IDLE:
        return QCoreApplication.translate("Pauses", "no keyboard or mouse input")
    if origin is PauseOrigin.IMPORT:
        return QCoreApplication.translate("Pauses", "imported")
    return QCoreApplication.translate("Pauses", "added by hand")


def pause_line(pause: EntryPause, zone: tzinfo | None) -> str:
    """One pause as the panel lists it: when, how long, its state and why it is there."""
    when = span_text(pause.start.astimezone(zone), pause.end.astimezone(zone))
    length = duration_text(pause.length.total_seconds() / 60.0)
    if pause.state is PauseState.ACCEPTED:
        state = QCoreApplication.translate("Pauses", "paused, not billed")
    elif pause.state is PauseState.SUGGESTED:
        state = QCoreApplication.translate("Pauses", "suggested: billed until you pause it")
    else:
        state = QCoreApplication.translate("Pauses", "kept as worked time")
    return f"{when} ({length}) · {state} · {origin_text(pause.origin)}"
