"""The review window's timeline: one lane per concurrent session, bars coloured by customer."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from trayclock.ui.review import palette
from trayclock.ui.review.explain import explain_row, minutes_text, status_label
from trayclock.ui.review.palette import CustomerColours
from trayclock.ui.review.rows import DayView, ReviewRow, RowStatus, assign_lanes

log = logging.getLogger(__name__)

DEFAULT_FIRST_HOUR = 7
DEFAULT_LAST_HOUR = 19
LANE_HEIGHT_PX = 40
LANE_GAP_PX = 6
HEADER_HEIGHT_PX = 26
GUTTER_WIDTH_PX = 86
DAY_GAP_PX = 10
LEGEND_HEIGHT_PX = 24
MIN_BAR_WIDTH_PX = 3.0


@dataclass(frozen=True, slots=True)
class _Band:
    """One day's band of lanes in the drawing."""

    day: date
    top: float
    lanes: int


class TimelineWidget(QWidget):
    """Draws a DayView: hours across, lanes down; click (Ctrl/Shift to add) selects entries."""

    selection_changed = Signal(list)  # list[str]: the selected entry ids, by the user
    activated = Signal(str)  # an entry was double-clicked

    def __init__(self, colours: CustomerColours | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewTimeline")
        self.colours = colours or CustomerColours()
        self._view: DayView | None = None
        self._lanes: dict[str, int] = {}
        self._bands: list[_Band] = []
        self._rows_by_day: dict[date, list[ReviewRow]] = {}
        self._selected: set[str] = set()
        self._hits: list[tuple[QRectF, str]] = []
        self._first_hour = DEFAULT_FIRST_HOUR
        self._last_hour = DEFAULT_LAST_HOUR
        self.setMouseTracking(True)
        self.setMinimumHeight(HEADER_HEIGHT_PX + LANE_HEIGHT_PX * 2 + LEGEND_HEIGHT_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # ---- data in -----------------------------------------------------------------------------

    def set_view(self, view: DayView) -> None:
        self._view = view
        self._rows_by_day = {day: [] for day in view.days}
        for row in view.rows:
            day = row.start.astimezone(view.zone).date()
            self._rows_by_day.setdefault(day, []).append(row)
        self._lanes = {}
        for rows in self._rows_by_day.values():
            self._lanes.update(assign_lanes(rows))
        self._first_hour, self._last_hour = self._hour_span(view)
        self._selected &= set(view.index)
        top = float(HEADER_HEIGHT_PX)
        self._bands = []
        for day in view.days:
            rows = self._rows_by_day.get(day, [])
            lanes = max((self._lanes[r.id] for r in rows), default=-1) + 1
            lanes = max(lanes, 1)
            self._bands.append(_Band(day, top, lanes))
            top += lanes * (LANE_HEIGHT_PX + LANE_GAP_PX) + DAY_GAP_PX
        self.setFixedHeight(int(top) + LEGEND_HEIGHT_PX)
        self._hits = []
        self.update()

    def _hour_span(self, view: DayView) -> tuple[int, int]:
        """Working hours by default, widened to every entry of the view (early or late work)."""
        first, last = DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR
        hours = view.business_hours
        if hours is not None:
            first = min(first, hours.start.hour)
            last = max(last, hours.end.hour + (1 if hours.end.minute else 0))
        for row in view.rows:
            start = row.start.astimezone(view.zone)
            end = row.end.astimezone(view.zone)
            first = min(first, start.hour)
            if end.date() > start.date():
                last = 24
            else:
                last = max(last, end.hour + (1 if end.minute or end.second else 0))
        return max(0, first), min(24, max(last, first + 1))

    def set_selected_ids(self, ids: list[str] | set[str]) -> None:
        """Select from outside (the table): no selection_changed is emitted."""
        self._selected = set(ids)
        self.update()

    def selected_ids(self) -> list[str]:
        return sorted(self._selected)

    def lane_of(self, entry_id: str) -> int:
        return self._lanes[entry_id]

    def lane_count(self) -> int:
        return max((band.lanes for band in self._bands), default=0)

    def bar_rect(self, entry_id: str) -> QRectF | None:
        """Where the entry's bar is drawn (widget coordinates): for tests and tooltips."""
        if self._view is None:
            return None
        row = self._view.row(entry_id)
        if row is None:
            return None
        return self._rect_for(row)

    # ---- geometry ----------------------------------------------------------------------------

    def _x_for(self, moment: datetime, day: date) -> float:
        assert self._view is not None
        local = moment.astimezone(self._view.zone)
        day_start, _ = self._view.day_bounds(day)
        minutes = (local - day_start).total_seconds() / 60.0
        span = (self._last_hour - self._first_hour) * 60.0
        width = self.width() - GUTTER_WIDTH_PX - 8
        offset = (minutes - self._first_hour * 60.0) / span
        return GUTTER_WIDTH_PX + max(0.0, min(1.0, offset)) * width

    def _band_for(self, day: date) -> _Band | None:
        for band in self._bands:
            if band.day == day:
                return band
        return None

    def _rect_for(self, row: ReviewRow) -> QRectF | None:
        assert self._view is not None
        day = row.start.astimezone(self._view.zone).date()
        band = self._band_for(day)
        if band is None:
            return None
        x1 = self._x_for(row.start, day)
        _, day_end = self._view.day_bounds(day)
        x2 = self._x_for(min(row.end, day_end), day)
        if x2 - x1 < MIN_BAR_WIDTH_PX:
            x2 = x1 + MIN_BAR_WIDTH_PX
        lane = self._lanes.get(row.id, 0)
        y = band.top + lane * (LANE_HEIGHT_PX + LANE_GAP_PX) + LANE_GAP_PX / 2
        return QRectF(x1, y, x2 - x1, LANE_HEIGHT_PX)

    def sizeHint(self) -> QSize:
        return QSize(900, self.height())

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self._view is None:
            return
        self._hits = []
        clip = QRectF(event.rect())
        for band in self._bands:
            self._paint_band_background(painter, band)
        self._paint_hours(painter)
        for band in self._bands:
            rows = self._rows_by_day.get(band.day, [])
            for row in rows:
                rect = self._rect_for(row)
                if rect is None:
                    continue
                self._hits.append((rect, row.id))
                if rect.intersects(clip):
                    self._paint_bar(painter, row, rect)
            self._paint_overlaps(painter, band, rows)
        self._paint_legend(painter)
        painter.end()

    def _band_height(self, band: _Band) -> float:
        return band.lanes * (LANE_HEIGHT_PX + LANE_GAP_PX)

    def _paint_band_background(self, painter: QPainter, band: _Band) -> None:
        assert self._view is not None
        height = self._band_height(band)
        area = QRectF(GUTTER_WIDTH_PX, band.top, self.width() - GUTTER_WIDTH_PX - 8, height)
        painter.fillRect(area, QColor(palette.AFTER_HOURS))
        hours = self._view.business_hours
        span = hours.span_on(band.day) if hours is not None else None
        start, _ = self._view.day_bounds(band.day)
        if hours is None:
            painter.fillRect(area, QColor(palette.BUSINESS_HOURS))
        elif span is not None:
            x1 = self._x_for(datetime.combine(band.day, span[0], tzinfo=self._view.zone), band.day)
            x2 = self._x_for(datetime.combine(band.day, span[1], tzinfo=self._view.zone), band.day)
            painter.fillRect(QRectF(x1, band.top, x2 - x1, height), QColor(palette.BUSINESS_HOURS))
            painter.setPen(QPen(QColor("#7cb88a"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x1, band.top), QPointF(x1, band.top + height))
            painter.drawLine(QPointF(x2, band.top), QPointF(x2, band.top + height))
        # lane separators
        painter.setPen(QPen(QColor("#e3e3e3"), 1))
        for lane in range(1, band.lanes):
            y = band.top + lane * (LANE_HEIGHT_PX + LANE_GAP_PX)
            painter.drawLine(QPointF(GUTTER_WIDTH_PX, y), QPointF(self.width() - 8, y))
        # day label in the gutter
        painter.setPen(QColor("#333333"))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        label = start.strftime("%a %d")
        painter.drawText(
            QRectF(4, band.top, GUTTER_WIDTH_PX - 8, LANE_HEIGHT_PX + LANE_GAP_PX),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            label,
        )
        if band.lanes > 1:
            font.setBold(False)
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(QColor("#777777"))
            painter.drawText(
                QRectF(4, band.top + LANE_HEIGHT_PX, GUTTER_WIDTH_PX - 8, LANE_HEIGHT_PX),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                self.tr("%n at once", "", band.lanes),
            )
            painter.setFont(self.font())

    def _paint_hours(self, painter: QPainter) -> None:
        assert self._view is not None
        bottom = self._bands[-1].top + self._band_height(self._bands[-1]) if self._bands else 0
        day = self._bands[0].day if self._bands else self._view.first_day
        painter.setFont(self.font())
        for hour in range(self._first_hour, self._last_hour + 1):
            start, _ = self._view.day_bounds(day)
            x = self._x_for(start + timedelta(hours=hour), day)
            painter.setPen(QPen(QColor("#d0d0d0"), 1))
            painter.drawLine(QPointF(x, HEADER_HEIGHT_PX - 4), QPointF(x, bottom))
            painter.setPen(QColor("#444444"))
            painter.drawText(
                QRectF(x - 30, 2, 60, HEADER_HEIGHT_PX - 6),
                Qt.AlignmentFlag.AlignCenter,
                f"{hour:02d}:00",
            )

    def _paint_bar(self, painter: QPainter, row: ReviewRow, rect: QRectF) -> None:
        fill = self.colours.colour(row.customer)
        faded = row.status in {RowStatus.NON_BILLABLE, RowStatus.MERGED, RowStatus.DISCARDED}
        if faded:
            fill = QColor(fill)
            fill.setAlpha(110)
        border = fill.darker(160)
        border.setAlpha(255)
        pen = QPen(border, 1.2)
        if row.unattached:
            pen = QPen(QColor(palette.ALERT), 2.2, Qt.PenStyle.DashLine)
        elif row.status is RowStatus.NEEDS_REVIEW:
            pen = QPen(QColor(palette.REVIEW), 2.4)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        if row.unattached:
            painter.setBrush(QBrush(QColor(palette.ALERT).lighter(170), Qt.BrushStyle.BDiagPattern))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 3, 3)
        elif row.status is RowStatus.NEEDS_REVIEW:
            painter.setBrush(
                QBrush(QColor(palette.REVIEW).lighter(130), Qt.BrushStyle.FDiagPattern)
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 3, 3)
        if row.id in self._selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#1a1a1a"), 3))
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 5, 5)
        self._paint_bar_text(painter, row, rect)

    def bar_lines(self, row: ReviewRow) -> tuple[str, str]:
        """The bar's two lines: who, then how long and what it costs (or what is missing)."""
        who = row.customer if row.customer is not None else self.tr("? no customer")
        parts = [minutes_text(row.minutes)]
        if row.status is RowStatus.BILLED:
            parts.append(f"{row.amount} {row.currency}")
        elif row.status is RowStatus.NEEDS_REVIEW:
            parts.append(self.tr("⚠ approve"))
        elif row.status is RowStatus.UNATTACHED:
            parts.append(self.tr("attach!"))
        else:
            parts.append(status_label(row.status))
        if any(code and str(code[0]) == "after_hours" for code in row.explanation):
            parts.append(self.tr("after hours"))
        if row.reviewed:
            parts.append("✓")
        return who, " · ".join(parts)

    def _paint_bar_text(self, painter: QPainter, row: ReviewRow, rect: QRectF) -> None:
        if rect.width() < 14:
            return
        first, second = self.bar_lines(row)
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.88))
        colour = QColor(palette.ALERT) if row.unattached else QColor("#1b1b1b")
        if row.status in {RowStatus.NON_BILLABLE, RowStatus.MERGED, RowStatus.DISCARDED}:
            colour = QColor("#555555")
        painter.setPen(colour)
        width = int(rect.width()) - 8
        top = rect.adjusted(5, 2, -3, -rect.height() / 2)
        bottom = rect.adjusted(5, rect.height() / 2 - 1, -3, -2)
        painter.setFont(bold)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(bold).elidedText(first, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(small)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(self.font())

    def _paint_overlaps(self, painter: QPainter, band: _Band, rows: list[ReviewRow]) -> None:
        """A red hatched band over the overlapping stretch of both bars, and a marker above."""
        assert self._view is not None
        by_id = {row.id: row for row in rows}
        seen: set[tuple[str, str]] = set()
        for row in rows:
            for other_id in row.overlaps_with:
                pair = (min(row.id, other_id), max(row.id, other_id))
                other = by_id.get(other_id)
                if pair in seen or other is None:
                    continue
                seen.add(pair)
                start, end = max(row.start, other.start), min(row.end, other.end)
                if end <= start:
                    continue
                x1, x2 = self._x_for(start, band.day), self._x_for(end, band.day)
                lanes = sorted((self._lanes[row.id], self._lanes[other.id]))
                top = band.top + lanes[0] * (LANE_HEIGHT_PX + LANE_GAP_PX) + LANE_GAP_PX / 2
                bottom = (
                    band.top + (lanes[1] + 1) * (LANE_HEIGHT_PX + LANE_GAP_PX) - LANE_GAP_PX / 2
                )
                area = QRectF(x1, top, max(2.0, x2 - x1), bottom - top)
                colour = QColor(palette.ALERT)
                colour.setAlpha(40)
                painter.fillRect(area, colour)
                painter.setPen(QPen(QColor(palette.ALERT), 1.6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(area)
                # a warning triangle on the top edge, so the overlap shows even when narrow
                cx = (x1 + x2) / 2
                triangle = QPolygonF(
                    [QPointF(cx - 6, top - 1), QPointF(cx + 6, top - 1), QPointF(cx, top + 9)]
                )
                painter.setBrush(QColor(palette.ALERT))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawPolygon(triangle)

    def _paint_legend(self, painter: QPainter) -> None:
        y = self.height() - LEGEND_HEIGHT_PX + 4
        x = float(GUTTER_WIDTH_PX)
        metrics = QFontMetrics(self.font())
        items = [
            (QColor(palette.BUSINESS_HOURS), QPen(QColor("#7cb88a"), 1), self.tr("business hours")),
            (
                QColor(255, 255, 255),
                QPen(QColor(palette.ALERT), 2, Qt.PenStyle.DashLine),
                self.tr("no customer"),
            ),
            (
                QColor(palette.REVIEW).lighter(150),
                QPen(QColor(palette.REVIEW), 2),
                self.tr("awaits approval"),
            ),
            (self._alpha(palette.ALERT, 60), QPen(QColor(palette.ALERT), 1.5), self.tr("overlap")),
            (
                self._alpha(palette.MUTED, 110),
                QPen(QColor(palette.MUTED), 1),
                self.tr("non-billable / merged"),
            ),
        ]
        painter.setFont(self.font())
        for fill, pen, label in items:
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x, y + 2, 18, 12), 2, 2)
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(x + 24, y + 13), label)
            x += 24 + metrics.horizontalAdvance(label) + 18

    @staticmethod
    def _alpha(name: str, alpha: int) -> QColor:
        colour = QColor(name)
        colour.setAlpha(alpha)
        return colour

    # ---- mouse -------------------------------------------------------------------------------

    def entry_at(self, point: QPointF) -> str | None:
        if self._view is None:
            return None
        if not self._hits:
            for row in self._view.rows:
                rect = self._rect_for(row)
                if rect is not None:
                    self._hits.append((rect, row.id))
        for rect, entry_id in reversed(self._hits):
            if rect.contains(point):
                return entry_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        entry_id = self.entry_at(event.position())
        adding = bool(
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        if entry_id is None:
            if not adding:
                self._selected = set()
        elif adding:
            self._selected ^= {entry_id}
        else:
            self._selected = {entry_id}
        self.update()
        self.selection_changed.emit(self.selected_ids())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        entry_id = self.entry_at(event.position())
        if entry_id is not None:
            self.activated.emit(entry_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        entry_id = self.entry_at(event.position())
        if entry_id is None or self._view is None:
            QToolTip.hideText()
            return
        row = self._view.row(entry_id)
        if row is None:
            return
        zone = self._view.zone
        when = f"{row.start.astimezone(zone):%H:%M}–{row.end.astimezone(zone):%H:%M}"
        who = row.customer or self.tr("no customer")
        tip = f"<b>{who}</b> {when} ({minutes_text(row.minutes)})<br>{status_label(row.status)}"
        tip += f"<br>{explain_row(row)}"
        if row.overlaps_with:
            tip += (
                "<br><span style='color:#d32f2f'>" + self.tr("overlaps another session") + "</span>"
            )
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)
