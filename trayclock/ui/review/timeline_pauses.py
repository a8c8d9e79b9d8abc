"""An entry's pauses on its timeline bar: an accepted pause is a gap in the bar (the two
worked parts joined by a dashed line: one entry), an unanswered idle suggestion is hatched
over the bar (still billed: "suggested"); a suggestion turned down is worked time and shows
nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from trayclock.domain.pauses import PauseState
from trayclock.services.review.rows import ReviewRow

GAP_FILL = "#ffffff"
SUGGESTED_HATCH = "#37474f"
MIN_MARK_WIDTH_PX = 2.0
_NO_PEN = QPen(Qt.PenStyle.NoPen)


def pause_stretches(row: ReviewRow) -> list[tuple[float, float, PauseState]]:
    """The row's accepted and suggested pauses as (start, end) minutes after its start,
    within what the bar shows (a running row: up to now)."""
    shown = row.minutes
    found: list[tuple[float, float, PauseState]] = []
    for pause in row.pauses:
        if pause.state is PauseState.REJECTED:
            continue
        start = (pause.start - row.start).total_seconds() / 60.0
        end = min((pause.end - row.start).total_seconds() / 60.0, shown)
        if end > start >= 0:
            found.append((start, end, pause.state))
    return found


def worked_pieces(row: ReviewRow, start: float, end: float) -> list[tuple[float, float]]:
    """The bar [start, end] (minutes on its day) less its accepted pauses: where it can
    overlap another (domain.overlap: worked time only)."""
    if not row.pauses:
        return [(start, end)]
    pieces, reach = [], start
    for low, high, state in sorted(pause_stretches(row)):
        if state is not PauseState.ACCEPTED:
            continue
        if start + low > reach:
            pieces.append((reach, start + low))
        reach = max(reach, start + high)
    if reach < end:
        pieces.append((reach, end))
    return pieces


def paint_pauses(
    painter: QPainter, row: ReviewRow, bar: QRectF, x_at: Callable[[float], float], border: QColor
) -> None:
    """Draw the row's pauses on its bar; `x_at(minutes after the row's start)` places them."""
    for start, end, state in pause_stretches(row):
        x1, x2 = x_at(start), x_at(end)
        x1, x2 = max(x1, bar.left()), min(max(x2, x1 + MIN_MARK_WIDTH_PX), bar.right())
        if x2 <= x1:
            continue
        if state is PauseState.ACCEPTED:
            gap = QRectF(x1, bar.top() - 1, x2 - x1, bar.height() + 2)
            painter.setPen(_NO_PEN)
            painter.setBrush(QColor(GAP_FILL))
            painter.drawRect(gap)
            middle = bar.center().y()
            painter.setPen(QPen(border, 1.4, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x1, middle), QPointF(x2, middle))
        else:
            area = QRectF(x1, bar.top() + 1, x2 - x1, bar.height() - 2)
            painter.setPen(_NO_PEN)
            painter.setBrush(QBrush(QColor(SUGGESTED_HATCH), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(area)
            painter.setPen(QPen(QColor(SUGGESTED_HATCH), 1.2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(area)


def paint_legend_gap(painter: QPainter, box: QRectF) -> None:
    """The legend's sample of a pause: a bar with a gap."""
    painter.setPen(QPen(QColor("#555555"), 1))
    painter.setBrush(QColor("#7fb2e5"))
    painter.drawRoundedRect(box, 2, 2)
    gap = QRectF(box.left() + box.width() / 3, box.top() - 1, box.width() / 3, box.height() + 2)
    paint_gap = QColor(GAP_FILL)
    painter.setPen(_NO_PEN)
    painter.setBrush(paint_gap)
    painter.drawRect(gap)
    painter.setPen(QPen(QColor("#555555"), 1, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(gap.left(), box.center().y()), QPointF(gap.right(), box.center().y()))


def paint_legend_suggested(painter: QPainter, box: QRectF) -> None:
    """The legend's sample of an idle suggestion: hatched."""
    painter.setPen(QPen(QColor(SUGGESTED_HATCH), 1, Qt.PenStyle.DashLine))
    painter.setBrush(QBrush(QColor(SUGGESTED_HATCH), Qt.BrushStyle.BDiagPattern))
    painter.drawRect(box)
