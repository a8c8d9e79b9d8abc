"""The review window's timeline: one lane per concurrent session, bars coloured by customer.

Why this module is long: the band and lane geometry worked out in `set_view` is what
painting and hit-testing (clicks, tooltips) both read, so they stay in the one widget.
"""

from __future__ import annotations

import html
import logging
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from trayclock.services.review.rows import DayView, ReviewRow, RowStatus, assign_lanes
from trayclock.ui.formats import money_text, span_text, weekday_day_text
from trayclock.ui.review.colours import AFTER_HOURS, ALERT, BUSINESS_HOURS, MUTED, REVIEW
from trayclock.ui.review.explain import explain_row, status_label
from trayclock.ui.review.palette import CustomerColours
from trayclock.ui.review.pause_texts import duration_with_pauses
from trayclock.ui.review.timeline_pauses import (
    paint_legend_gap,
    paint_legend_suggested,
    paint_pauses,
    worked_pieces,
)
from trayclock.ui.texts import duration_text

log = logging.getLogger(__name__)

DEFAULT_FIRST_HOUR = 7
DEFAULT_LAST_HOUR = 19
LANE_HEIGHT_PX = 40
LANE_GAP_PX = 6
HEADER_HEIGHT_PX = 26
GUTTER_WIDTH_PX = 86
DAY_GAP_PX = 10
LEGEND_HEIGHT_PX = 24  # one line of the legend under the lanes (with its padding)
LEGEND_ROW_PX = 20  # each further line: the legend wraps where the widget is too narrow
LEGEND_SAMPLE_PX = 24  # a mark's sample and the space before its words
LEGEND_SPACING_PX = 18  # between one mark's words and the next sample
MIN_BAR_WIDTH_PX = 3.0
MINUTES_PER_DAY = 24 * 60.0
# Shared pen and brush objects: built once rather than on every bar.
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)


@dataclass(frozen=True, slots=True)
class _Band:
    """One day's band of lanes in the drawing: its bars are placed when first needed."""

    day: date
    top: float
    lanes: int
    placed: tuple[tuple[ReviewRow, float, float], ...] = ()  # (row, start, end minutes)
    business: tuple[float, float] | None = None  # minutes after local midnight, or None


class _BarFonts:
    """The two fonts of a bar's label and their metrics, made once per paint."""

    def __init__(self, base: QFont) -> None:
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.0, base.pointSizeF() * 0.88))
        self.bold_metrics = QFontMetrics(self.bold)
        self.small_metrics = QFontMetrics(self.small)


@dataclass(frozen=True, slots=True)
class _Item:
    """A bar, placed once per view: minutes after its day's local midnight, and its lane."""

    id: str
    start_min: float
    end_min: float
    lane: int
    overlaps: tuple[tuple[float, float], ...]  # merged shared stretches, in minutes


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
        self._selected: set[str] = set()
        self._rects: dict[int, dict[str, QRectF]] = {}
        self._rects_width = -1
        self._band_of: dict[str, int] = {}
        self._items: dict[int, tuple[_Item, ...]] = {}
        self._always_business = False
        self._shape: tuple[object, ...] = ()
        self._fonts = _BarFonts(self.font())
        self._first_hour = DEFAULT_FIRST_HOUR
        self._last_hour = DEFAULT_LAST_HOUR
        self._lanes_height = HEADER_HEIGHT_PX + LANE_HEIGHT_PX * 2  # above the legend
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # so keys (Delete) reach it after a click
        self.setMinimumHeight(HEADER_HEIGHT_PX + LANE_HEIGHT_PX * 2 + LEGEND_HEIGHT_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # ---- data in -----------------------------------------------------------------------------

    def set_view(self, view: DayView) -> None:
        """Place every bar once per view: local minutes and lanes (for the bands' heights) now,
        the bars' overlap stretches when their band is first painted or asked about, so a
        long range costs little beyond the band on screen."""
        shape = _shape(view)
        if shape == self._shape and self._view is not None:
            # The same bars re-priced: keep the places, take the new rows.
            self._view = view
            self.update()
            return
        self._shape = shape
        self._view = view
        zone = view.zone
        placed: dict[date, list[tuple[ReviewRow, float, float]]] = {day: [] for day in view.days}
        first_hour, last_hour = DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR
        hours = view.business_hours
        if hours is not None:
            first_hour = min(first_hour, hours.start.hour)
            last_hour = max(last_hour, hours.end.hour + (1 if hours.end.minute else 0))
        earliest, latest = MINUTES_PER_DAY, 0.0
        for row in view.rows:
            local = row.start.astimezone(zone)
            # Wall-clock minutes after local midnight (what subtracting midnight in the same
            # zone gives), without making the midnight.
            start_min = (
                local.hour * 60.0 + local.minute + (local.second + local.microsecond / 1e6) / 60.0
            )
            end_min = min(start_min + row.minutes, MINUTES_PER_DAY)
            day_rows = placed.get(local.date())
            if day_rows is None:
                day_rows = placed[local.date()] = []
            day_rows.append((row, start_min, end_min))
            earliest = min(earliest, start_min)
            latest = max(latest, end_min)
        if view.rows:
            first_hour = min(first_hour, int(earliest // 60))
            last_hour = max(last_hour, int(-(-latest // 60)))
        self._first_hour, self._last_hour = (
            max(0, first_hour),
            min(24, max(last_hour, first_hour + 1)),
        )
        self._selected &= set(view.index)
        self._lanes = {}
        self._bands = []
        self._items = {}
        self._band_of = {}
        top = float(HEADER_HEIGHT_PX)
        for day in view.days:
            rows = placed.get(day, [])
            lanes = assign_lanes([row for row, _, _ in rows])
            self._lanes.update(lanes)
            self._band_of.update(dict.fromkeys(lanes, len(self._bands)))
            span = hours.span_on(day) if hours is not None else None
            business = (
                None
                if span is None
                else (span[0].hour * 60.0 + span[0].minute, span[1].hour * 60.0 + span[1].minute)
            )
            count = max(max(lanes.values(), default=-1) + 1, 1)
            self._bands.append(_Band(day, top, count, tuple(rows), business))
            top += count * (LANE_HEIGHT_PX + LANE_GAP_PX) + DAY_GAP_PX
        self._always_business = hours is None
        self._rects = {}
        self._rects_width = -1
        self._lanes_height = int(top)
        self._fit_height()
        self.update()

    def _band_items(self, index: int) -> tuple[_Item, ...]:
        """A band's bars with their lanes and overlap stretches, made when first needed."""
        items = self._items.get(index)
        if items is None:
            placed = self._bands[index].placed
            # Overlap marks come from where 2+ counted sessions run at once: O(n log n), not
            # one mark per pair (a dense range has hundreds of thousands of pairs).
            # Worked time only: a pause overlaps nothing.
            zones = _overlap_zones(
                [
                    piece
                    for row, start, end in placed
                    if row.billable and not row.discarded
                    for piece in worked_pieces(row, start, end)
                ]
            )
            zone_starts = [zone[0] for zone in zones]
            lanes = self._lanes
            items = self._items[index] = tuple(
                _Item(
                    row.id,
                    start,
                    end,
                    lanes[row.id],
                    tuple(
                        stretch
                        for low, high in worked_pieces(row, start, end)
                        for stretch in _stretches(low, high, zones, zone_starts)
                    )
                    if row.overlaps_with
                    else (),
                )
                for row, start, end in placed
            )
        return items

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
        index = self._band_of.get(entry_id)
        return None if index is None else self._band_rects(index).get(entry_id)

    # ---- geometry ----------------------------------------------------------------------------

    def _x(self, minutes: float) -> float:
        span = (self._last_hour - self._first_hour) * 60.0
        width = self.width() - GUTTER_WIDTH_PX - 8
        offset = (minutes - self._first_hour * 60.0) / span
        return GUTTER_WIDTH_PX + max(0.0, min(1.0, offset)) * width

    def _band_rects(self, index: int) -> dict[str, QRectF]:
        """A band's bar rectangles for the current width, made when first needed."""
        if self._rects_width != self.width():
            self._rects, self._rects_width = {}, self.width()
        rects = self._rects.get(index)
        if rects is None:
            band = self._bands[index]
            rects = {}
            for item in self._band_items(index):
                x1, x2 = self._x(item.start_min), self._x(item.end_min)
                y = band.top + item.lane * (LANE_HEIGHT_PX + LANE_GAP_PX) + LANE_GAP_PX / 2
                rects[item.id] = QRectF(x1, y, max(x2 - x1, MIN_BAR_WIDTH_PX), LANE_HEIGHT_PX)
            self._rects[index] = rects
        return rects

    def sizeHint(self) -> QSize:
        return QSize(900, self.height())

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(event.rect(), QColor("#ffffff"))
        if self._view is None:
            return
        clip = QRectF(event.rect())
        view = self._view
        # Only the bands in the exposed area: a long range paints what is on screen.
        visible = [
            index
            for index, band in enumerate(self._bands)
            if band.top <= clip.bottom() and band.top + self._band_height(band) >= clip.top()
        ]
        for index in visible:
            self._paint_band_background(painter, self._bands[index])
        self._paint_hours(painter)
        self._fonts = _BarFonts(self.font())
        for index in visible:
            items, rects = self._band_items(index), self._band_rects(index)
            for item in items:
                rect = rects[item.id]
                if rect.intersects(clip):
                    self._paint_bar(painter, view.rows[view.index[item.id]], rect, item.start_min)
            self._paint_overlaps(painter, items, rects, clip)
        self._paint_legend(painter)
        painter.end()

    def _band_height(self, band: _Band) -> float:
        return band.lanes * (LANE_HEIGHT_PX + LANE_GAP_PX)

    def _paint_band_background(self, painter: QPainter, band: _Band) -> None:
        assert self._view is not None
        height = self._band_height(band)
        area = QRectF(GUTTER_WIDTH_PX, band.top, self.width() - GUTTER_WIDTH_PX - 8, height)
        painter.fillRect(area, QColor(AFTER_HOURS))
        if self._always_business:
            painter.fillRect(area, QColor(BUSINESS_HOURS))
        elif band.business is not None:
            x1, x2 = self._x(band.business[0]), self._x(band.business[1])
            painter.fillRect(QRectF(x1, band.top, x2 - x1, height), QColor(BUSINESS_HOURS))
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
        label = weekday_day_text(band.day)
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
        painter.setFont(self.font())
        for hour in range(self._first_hour, self._last_hour + 1):
            x = self._x(hour * 60.0)
            painter.setPen(QPen(QColor("#d0d0d0"), 1))
            painter.drawLine(QPointF(x, HEADER_HEIGHT_PX - 4), QPointF(x, bottom))
            painter.setPen(QColor("#444444"))
            painter.drawText(
                QRectF(x - 30, 2, 60, HEADER_HEIGHT_PX - 6),
                Qt.AlignmentFlag.AlignCenter,
                f"{hour:02d}:00",
            )

    def _paint_bar(
        self, painter: QPainter, row: ReviewRow, rect: QRectF, start_min: float = 0.0
    ) -> None:
        fill = self.colours.colour(row.customer)
        faded = row.status in {RowStatus.NON_BILLABLE, RowStatus.MERGED, RowStatus.DISCARDED}
        if faded:
            fill = QColor(fill)
            fill.setAlpha(110)
        border = fill.darker(160)
        border.setAlpha(255)
        pen = QPen(border, 1.2)
        if row.unattached:
            pen = QPen(QColor(ALERT), 2.2, Qt.PenStyle.DashLine)
        elif row.status is RowStatus.NEEDS_REVIEW:
            pen = QPen(QColor(REVIEW), 2.4)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        if row.unattached:
            painter.setBrush(QBrush(QColor(ALERT).lighter(170), Qt.BrushStyle.BDiagPattern))
            painter.setPen(_NO_PEN)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 3, 3)
        elif row.status is RowStatus.NEEDS_REVIEW:
            painter.setBrush(QBrush(QColor(REVIEW).lighter(130), Qt.BrushStyle.FDiagPattern))
            painter.setPen(_NO_PEN)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 3, 3)
        if row.pauses:
            paint_pauses(painter, row, rect, lambda minutes: self._x(start_min + minutes), border)
        if row.id in self._selected:
            painter.setBrush(_NO_BRUSH)
            painter.setPen(QPen(QColor("#1a1a1a"), 3))
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 5, 5)
        self._paint_bar_text(painter, row, rect)

    def bar_lines(self, row: ReviewRow) -> tuple[str, str]:
        """The bar's two lines: who, then how long and what it costs (or what is missing)."""
        who = row.customer if row.customer is not None else self.tr("? no customer")
        parts = [duration_text(row.worked_minutes)]  # the time worked: pauses left out
        if row.status is RowStatus.BILLED:
            parts.append(money_text(row.amount, row.currency))
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
        fonts = self._fonts
        colour = QColor(ALERT) if row.unattached else QColor("#1b1b1b")
        if row.status in {RowStatus.NON_BILLABLE, RowStatus.MERGED, RowStatus.DISCARDED}:
            colour = QColor("#555555")
        painter.setPen(colour)
        width = int(rect.width()) - 8
        top = rect.adjusted(5, 2, -3, -rect.height() / 2)
        bottom = rect.adjusted(5, rect.height() / 2 - 1, -3, -2)
        painter.setFont(fonts.bold)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            fonts.bold_metrics.elidedText(first, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(fonts.small)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            fonts.small_metrics.elidedText(second, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(self.font())

    def _paint_overlaps(
        self,
        painter: QPainter,
        items: tuple[_Item, ...],
        rects: dict[str, QRectF],
        clip: QRectF,
    ) -> None:
        """On each bar, the stretches it shares with others: red-framed, a marker on top.

        Drawn in two batched calls (all frames, then all markers): a dense band has hundreds of
        stretches.
        """
        areas: list[QRectF] = []
        markers = QPainterPath()
        for item in items:
            if not item.overlaps:
                continue
            bar = rects[item.id]
            if not bar.adjusted(-7, -2, 7, 2).intersects(clip):
                continue
            top, height = bar.top(), bar.height()
            for start, end in item.overlaps:
                x1, x2 = self._x(start), self._x(end)
                areas.append(QRectF(x1, top, max(2.0, x2 - x1), height))
                # a warning triangle on the top edge, so the overlap shows even when narrow
                cx = (x1 + x2) / 2
                markers.addPolygon(
                    QPolygonF(
                        [QPointF(cx - 6, top - 2), QPointF(cx + 6, top - 2), QPointF(cx, top + 8)]
                    )
                )
        if not areas:
            return
        fill = QColor(ALERT)
        fill.setAlpha(60)
        painter.setPen(QPen(QColor(ALERT), 1.8))
        painter.setBrush(fill)
        # Without antialiasing: these are upright rectangles, and antialiased translucent fills
        # cost ~0.1 ms each on the raster engine (12 ms for a dense band, 0.7 ms without).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawRects(areas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(_NO_PEN)
        painter.setBrush(QBrush(QColor(ALERT)))
        painter.drawPath(markers)

    def legend(self) -> list[tuple[QColor, QPen, str]]:
        """The legend under the lanes: each mark's fill, its frame and what it means."""
        return [
            (QColor(BUSINESS_HOURS), QPen(QColor("#7cb88a"), 1), self.tr("business hours")),
            (QColor(AFTER_HOURS), QPen(QColor("#c8c8c8"), 1), self.tr("after hours")),
            (
                QColor(255, 255, 255),
                QPen(QColor(ALERT), 2, Qt.PenStyle.DashLine),
                self.tr("no customer"),
            ),
            (
                QColor(REVIEW).lighter(150),
                QPen(QColor(REVIEW), 2),
                self.tr("awaits approval"),
            ),
            (self._alpha(ALERT, 60), QPen(QColor(ALERT), 1.5), self.tr("overlap")),
            (
                self._alpha(MUTED, 110),
                QPen(QColor(MUTED), 1),
                self.tr("non-billable / merged"),
            ),
        ]

    def legend_marks(self) -> list[tuple[Callable[[QPainter, QRectF], None], str]]:
        """Every mark the legend explains: how its sample is painted, and its words."""
        marks: list[tuple[Callable[[QPainter, QRectF], None], str]] = [
            (partial(_paint_swatch, fill, pen), label) for fill, pen, label in self.legend()
        ]
        marks.append((paint_legend_gap, self.tr("pause")))
        marks.append((paint_legend_suggested, self.tr("idle, suggested")))
        return marks

    def legend_places(self) -> list[tuple[float, int]]:
        """Where each of `legend_marks` goes: its x and its line, a new line rather than
        words cut off at the right edge (a narrow window, a long language)."""
        metrics = QFontMetrics(self.font())
        x, line = float(GUTTER_WIDTH_PX), 0
        places: list[tuple[float, int]] = []
        for _sample, label in self.legend_marks():
            width = LEGEND_SAMPLE_PX + metrics.horizontalAdvance(label)
            if places and x + width > self.width():
                x, line = float(GUTTER_WIDTH_PX), line + 1
            places.append((x, line))
            x += width + LEGEND_SPACING_PX
        return places

    def _fit_height(self) -> None:
        """As high as the lanes and the legend's lines (more of them when narrower)."""
        lines = max((line for _x, line in self.legend_places()), default=0) + 1
        height = self._lanes_height + LEGEND_HEIGHT_PX + (lines - 1) * LEGEND_ROW_PX
        if height != self.height() or self.minimumHeight() != self.maximumHeight():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()

    def _paint_legend(self, painter: QPainter) -> None:
        top = self._lanes_height + 4
        painter.setFont(self.font())
        for (sample, label), (x, line) in zip(
            self.legend_marks(), self.legend_places(), strict=True
        ):
            y = top + line * LEGEND_ROW_PX
            sample(painter, QRectF(x, y + 2, 18, 12))
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(x + LEGEND_SAMPLE_PX, y + 13), label)

    @staticmethod
    def _alpha(name: str, alpha: int) -> QColor:
        colour = QColor(name)
        colour.setAlpha(alpha)
        return colour

    # ---- mouse -------------------------------------------------------------------------------

    def entry_at(self, point: QPointF) -> str | None:
        for index, band in enumerate(self._bands):
            if band.top <= point.y() <= band.top + self._band_height(band):
                rects = self._band_rects(index)
                for item in reversed(self._band_items(index)):
                    if rects[item.id].contains(point):
                        return item.id
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
        QToolTip.showText(event.globalPosition().toPoint(), self.tip(row), self)

    def tip(self, row: ReviewRow) -> str:
        """The tooltip over a bar (rich text): who, when, its status and why this amount."""
        zone = self._view.zone if self._view is not None else None
        when = span_text(row.start.astimezone(zone), row.end.astimezone(zone))
        who = html.escape(row.customer or self.tr("no customer"))
        tip = f"<b>{who}</b> {when} ({duration_with_pauses(row)})<br>{status_label(row.status)}"
        tip += f"<br>{html.escape(explain_row(row))}"
        if row.overlaps_with:
            tip += (
                f"<br><span style='color:{ALERT}'>"
                + self.tr("overlaps another session")
                + "</span>"
            )
        return tip


def _paint_swatch(fill: QColor, pen: QPen, painter: QPainter, box: QRectF) -> None:
    """A legend sample: the mark's fill in its frame."""
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(box, 2, 2)


def _shape(view: DayView) -> tuple[object, ...]:
    """What decides where bars go: the days, and each entry's time, overlaps and pauses."""
    return (
        view.first_day,
        view.last_day,
        view.business_hours,
        tuple(
            (r.id, r.start, r.end, r.billable, r.discarded, r.overlaps_with, r.pauses)
            for r in view.rows
        ),
    )


def _overlap_zones(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Where two or more of these spans run at once (a sweep over their ends), in order."""
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    zones: list[tuple[float, float]] = []
    active = 0
    opened = 0.0
    for moment, step in events:  # at equal moments ends (-1) come first: touching is no overlap
        before = active
        active += step
        if before < 2 <= active:
            opened = moment
        elif active < 2 <= before and moment > opened:
            zones.append((opened, moment))
    return zones


def _stretches(
    start: float, end: float, zones: list[tuple[float, float]], starts: list[float]
) -> tuple[tuple[float, float], ...]:
    """The parts of [start, end) inside the overlap zones."""
    first = max(bisect_right(starts, start) - 1, 0)
    found = []
    for zone_start, zone_end in zones[first:]:
        if zone_start >= end:
            break
        if zone_end > start:
            found.append((max(start, zone_start), min(end, zone_end)))
    return tuple(found)
