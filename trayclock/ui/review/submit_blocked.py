"""Why Submit did nothing: the shown sessions still running or without a customer, one a line.

A running session would change the submitted day under it, and an entry without a
customer cannot be billed to anyone: Submit lists them instead (in the review window's
translation context).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from trayclock.services.review.rows import DayView, ReviewRow
from trayclock.ui.formats import clock_text, weekday_day_text
from trayclock.ui.texts import app_label, group_id


def blocked_line(row: ReviewRow, view: DayView) -> str:
    """ "10:20–10:52 RustDesk 10.0.0.7: no customer yet" (with the weekday in a week)."""
    start = row.start.astimezone(view.zone)
    when = clock_text(start)
    if view.first_day != view.last_day:
        when = f"{weekday_day_text(start.date())} {when}"
    what = f"{app_label(row.app)} {group_id(row.partner)}".strip()
    if row.running:
        reason = (
            QCoreApplication.translate("ReviewWindow", "still running, no customer yet")
            if row.unattached
            else QCoreApplication.translate("ReviewWindow", "still running")
        )
    else:
        when += "–" + clock_text(row.end.astimezone(view.zone))
        reason = QCoreApplication.translate("ReviewWindow", "no customer yet")
    return f"{when} {what}: {reason}"


def show_blocked(parent: QWidget, rows: Sequence[ReviewRow], view: DayView) -> QMessageBox:
    """The list in a message box, window-modal without a nested event loop (`open`)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("ReviewWindow", "Not submitted yet"),
        QCoreApplication.translate(
            "ReviewWindow",
            "Every session must have ended and have a customer before the day is "
            "submitted. Still open:",
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("submitBlocked")
    box.setInformativeText("\n".join(f"• {blocked_line(row, view)}" for row in rows))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
