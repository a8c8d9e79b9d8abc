"""The tray icon's drawings: one per state, for light and dark panels, HiDPI and macOS masks.

The tray loads them from PNG files (trayclock.ui.icons): this module draws those files
(`python -m trayclock.ui.icon_drawing`), a test checks the shipped files are exactly its
drawings, and the tray draws here only when a file is missing. QPainter and the Qt
namespace's enums it needs cost the idle tray ~1.2 MiB of Python objects, for pictures that
never change. Each state differs in shape, not only in colour, so it reads at 16 px and for
colour-blind users too.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap

from trayclock.ui.icon_set import ICON_SIZES_PX, VARIANTS, TrayState, icon_path

PNG_QUALITY = 0  # Qt's PNG writer: 0 is the smallest file (zlib's best), the same pixels

# Badge colours: chosen to stay distinct for the common colour-blindnesses (blue/orange/red/purple).
_BADGE_COLOURS = {
    TrayState.RUNNING: QColor("#1f8f4e"),
    TrayState.PAUSED: QColor("#6b6b6b"),  # grey: nothing is being caught
    TrayState.WAITING: QColor("#e08a00"),
    TrayState.OVERLAP: QColor("#7b3fc4"),
    TrayState.SYNC_PROBLEM: QColor("#d0312d"),
}


def _draw(painter: QPainter, size: int, state: TrayState, *, dark: bool, mask: bool) -> None:
    """The clock face, its hands, and a badge in the lower right for every state but idle."""
    ink = QColor("black") if mask else QColor("#f2f2f2") if dark else QColor("#202020")
    face = QColor(0, 0, 0, 0) if mask else QColor("#2b2b2b") if dark else QColor("#ffffff")
    s = float(size)
    stroke = max(1.0, s / 14.0)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    centre = QPointF(s * 0.45, s * 0.45)
    radius = s * 0.40
    painter.setPen(QPen(ink, stroke))
    painter.setBrush(QBrush(face))
    painter.drawEllipse(centre, radius, radius)
    # Hands at three o'clock: the L that reads as "clock" even at 16 px.
    pen = QPen(ink, stroke * 1.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for angle_deg, length in ((0.0, 0.72), (90.0, 0.5)):
        rad = math.radians(angle_deg - 90.0)
        tip = QPointF(
            centre.x() + math.cos(rad) * radius * length,
            centre.y() + math.sin(rad) * radius * length,
        )
        painter.drawLine(centre, tip)

    if state is TrayState.IDLE:
        return
    colour = QColor("black") if mask else _BADGE_COLOURS[state]
    badge = QRectF(s * 0.46, s * 0.46, s * 0.54, s * 0.54)
    ring = QColor(0, 0, 0, 0) if mask else (QColor("#2b2b2b") if dark else QColor("#ffffff"))
    painter.setPen(QPen(ring, stroke))
    painter.setBrush(QBrush(colour))
    mark = QColor("white")
    if mask:
        # A mask icon is one colour plus alpha: the mark is cut out of the badge, not painted.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        painter.drawEllipse(badge.adjusted(-stroke, -stroke, stroke, stroke))
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.setPen(Qt.PenStyle.NoPen)
    if state is TrayState.RUNNING:
        painter.drawEllipse(badge)
        _draw_play(painter, badge, mark, mask)
    elif state is TrayState.PAUSED:
        painter.drawEllipse(badge)
        _draw_pause(painter, badge, mark, mask)
    elif state is TrayState.WAITING:
        painter.drawEllipse(badge)
        _draw_question(painter, badge, mark, mask)
    elif state is TrayState.OVERLAP:
        # Two overlapping discs: two sessions at once.
        small = badge.adjusted(0, s * 0.08, -s * 0.14, -s * 0.06)
        painter.drawEllipse(small)
        painter.drawEllipse(small.translated(s * 0.14, -s * 0.08))
    else:  # sync problem: a warning triangle
        path = QPainterPath()
        path.moveTo(badge.center().x(), badge.top())
        path.lineTo(badge.right(), badge.bottom())
        path.lineTo(badge.left(), badge.bottom())
        path.closeSubpath()
        painter.drawPath(path)
        _draw_exclamation(painter, badge.adjusted(0, s * 0.08, 0, 0), mark, mask)


def _mark_pen_setup(painter: QPainter, mark: QColor, mask: bool) -> None:
    if mask:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(mark))


def _draw_play(painter: QPainter, box: QRectF, mark: QColor, mask: bool) -> None:
    painter.save()
    _mark_pen_setup(painter, mark, mask)
    w = box.width()
    path = QPainterPath()
    path.moveTo(box.left() + w * 0.38, box.top() + w * 0.27)
    path.lineTo(box.left() + w * 0.75, box.center().y())
    path.lineTo(box.left() + w * 0.38, box.bottom() - w * 0.27)
    path.closeSubpath()
    painter.drawPath(path)
    painter.restore()


def _draw_pause(painter: QPainter, box: QRectF, mark: QColor, mask: bool) -> None:
    """Two upright bars, the pause sign every media player uses."""
    painter.save()
    _mark_pen_setup(painter, mark, mask)
    w = box.width()
    bar_w, bar_h = w * 0.16, w * 0.46
    top = box.center().y() - bar_h / 2
    for left in (box.center().x() - w * 0.2, box.center().x() + w * 0.04):
        painter.drawRect(QRectF(left, top, bar_w, bar_h))
    painter.restore()


# The "?" and "!" marks are strokes, not text: drawing text loads the font database
# (fontconfig's configuration and caches, a font file, FreeType): ~3 MiB of heap and 4 MiB
# of RSS for a tray that waits for a customer or has a sync problem, for one glyph.


def _stroke_setup(painter: QPainter, box: QRectF, mark: QColor, mask: bool) -> float:
    """A round-capped pen in the mark's colour (cutting, for a mask); the stroke's width."""
    if mask:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    width = max(1.0, box.width() * 0.14)
    painter.setPen(QPen(mark, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    return width


def _draw_dot(painter: QPainter, centre: QPointF, width: float, mark: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(mark))
    painter.drawEllipse(centre, width * 0.62, width * 0.62)


def _draw_question(painter: QPainter, box: QRectF, mark: QColor, mask: bool) -> None:
    """A question mark: a hook over a short stem, and a dot."""
    painter.save()
    width = _stroke_setup(painter, box, mark, mask)
    w, cx, top = box.width(), box.center().x(), box.top()
    radius = w * 0.15
    hook = QRectF(cx - radius, top + w * 0.2, radius * 2, radius * 2)
    path = QPainterPath()
    path.arcMoveTo(hook, 160.0)
    path.arcTo(hook, 160.0, -250.0)  # over the top, round to below the right
    path.lineTo(cx, top + w * 0.6)
    painter.drawPath(path)
    _draw_dot(painter, QPointF(cx, top + w * 0.78), width, mark)
    painter.restore()


def _draw_exclamation(painter: QPainter, box: QRectF, mark: QColor, mask: bool) -> None:
    """An exclamation mark: a bar and a dot."""
    painter.save()
    width = _stroke_setup(painter, box, mark, mask)
    cx, top, h = box.center().x(), box.top(), box.height()
    painter.drawLine(QPointF(cx, top + h * 0.3), QPointF(cx, top + h * 0.62))
    _draw_dot(painter, QPointF(cx, top + h * 0.8), width, mark)
    painter.restore()


def draw_pixmap(state: TrayState, size_px: int, *, dark: bool, mask: bool = False) -> QPixmap:
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        _draw(painter, size_px, state, dark=dark, mask=mask)
    finally:
        painter.end()
    return pixmap


def export_icons(folder: Path) -> list[Path]:
    """Write every state's drawing, in every variant and size, as the PNGs the tray loads."""
    written = []
    for state in TrayState:
        for variant, (dark, mask) in VARIANTS.items():
            for size in ICON_SIZES_PX:
                path = icon_path(folder, state, variant, size)
                path.parent.mkdir(parents=True, exist_ok=True)
                if not draw_pixmap(state, size, dark=dark, mask=mask).save(
                    str(path), "PNG", PNG_QUALITY
                ):
                    raise OSError(f"could not write {path}")
                written.append(path)
    return written


def export_sheet(path: Path, sizes_px: tuple[int, ...] = (16, 22, 32, 64)) -> Path:
    """One picture of every state at panel sizes, on a light panel, a dark one and as a mask."""
    from PySide6.QtGui import QFont

    variants = (
        ("light panel", False, False, "#e8e8e8"),
        ("dark panel", True, False, "#303030"),
        ("macOS mask", False, True, "#e8e8e8"),
    )
    label_w, row_h, pad = 120, max(sizes_px) + 16, 8
    block_w = sum(s + pad for s in sizes_px) + pad
    sheet = QPixmap(label_w + block_w * len(variants), 24 + row_h * len(TrayState))
    sheet.fill(QColor("#ffffff"))
    painter = QPainter(sheet)
    try:
        font = QFont(painter.font())
        font.setPixelSize(13)
        painter.setFont(font)
        for col, (title, _dark, _mask, background) in enumerate(variants):
            x0 = label_w + col * block_w
            painter.fillRect(x0, 24, block_w, row_h * len(TrayState), QColor(background))
            painter.setPen(QColor("#202020"))
            painter.drawText(QRectF(x0, 0, block_w, 22), Qt.AlignmentFlag.AlignCenter, title)
        for row, state in enumerate(TrayState):
            y0 = 24 + row * row_h
            painter.setPen(QColor("#202020"))
            painter.drawText(
                QRectF(4, y0, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignVCenter,
                state.value.replace("_", " "),
            )
            for col, (_title, dark, mask, _bg) in enumerate(variants):
                x = label_w + col * block_w + pad
                for size in sizes_px:
                    pixmap = draw_pixmap(state, size, dark=dark, mask=mask)
                    painter.drawPixmap(x, y0 + (row_h - size) // 2, pixmap)
                    x += size + pad
    finally:
        painter.end()
    sheet.save(str(path), "PNG")
    return path


if __name__ == "__main__":  # python -m trayclock.ui.icon_drawing [OUTDIR]: the PNGs, a sheet
    from PySide6.QtWidgets import QApplication

    from trayclock.resources import resources_dir, tray_icons_dir

    _app = QApplication(sys.argv[:1])
    if len(sys.argv) > 1:  # somewhere else: the PNGs and the sheet side by side
        export_icons(Path(sys.argv[1]))
        export_sheet(Path(sys.argv[1]) / "sheet.png")
    else:
        export_icons(tray_icons_dir())
        export_sheet(resources_dir() / "icons" / "sheet.png")
