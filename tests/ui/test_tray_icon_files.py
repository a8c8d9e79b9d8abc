"""The tray icon's PNGs in resources/icons/tray/ are exactly what trayclock.ui.icon_drawing
draws (every state, variant and size), and a file missing at run time is drawn instead.

The tray loads the files and never draws them (the idle tray does without QPainter and the
Qt namespace): a change to the drawing that was not exported again fails here, so the files
cannot drift from it. Rewrite them with `python -m trayclock.ui.icon_drawing`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from trayclock.resources import tray_icons_dir
from trayclock.ui import icons
from trayclock.ui.icon_drawing import draw_pixmap
from trayclock.ui.icon_set import ICON_SIZES_PX, VARIANTS, TrayState, icon_path
from trayclock.ui.icons import tray_icon

# Compared in one format (straight alpha, as PNG stores it): what the file holds, pixel for pixel.
COMPARED = QImage.Format.Format_ARGB32
EXPORT_HINT = "run `python -m trayclock.ui.icon_drawing` to write the files again"


def test_every_shipped_tray_icon_is_the_drawing(qapp) -> None:
    folder = tray_icons_dir()
    expected = {
        icon_path(folder, state, variant, size)
        for state in TrayState
        for variant in VARIANTS
        for size in ICON_SIZES_PX
    }
    assert set(folder.glob("*.png")) == expected, EXPORT_HINT
    for state in TrayState:
        for variant, (dark, mask) in VARIANTS.items():
            for size in ICON_SIZES_PX:
                path = icon_path(folder, state, variant, size)
                shipped = QImage(str(path)).convertToFormat(COMPARED)
                drawn = draw_pixmap(state, size, dark=dark, mask=mask).toImage()
                assert shipped == drawn.convertToFormat(COMPARED), f"{path}: {EXPORT_HINT}"


def test_a_missing_icon_file_is_drawn_and_logged(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(icons, "tray_icons_dir", lambda: tmp_path)  # a broken install: no files
    (tmp_path / "idle-light-22.png").write_bytes(b"not a png")  # and one unreadable
    icons.clear_icon_cache()
    try:
        with caplog.at_level(logging.WARNING, logger=icons.__name__):
            icon = tray_icon(TrayState.WAITING, dark=False, mask=False)
            idle = tray_icon(TrayState.IDLE, dark=False, mask=False)
    finally:
        icons.clear_icon_cache()
    for size in ICON_SIZES_PX:
        image = icon.pixmap(size).toImage().convertToFormat(COMPARED)
        drawn = draw_pixmap(TrayState.WAITING, size, dark=False).toImage()
        assert image == drawn.convertToFormat(COMPARED)
    assert not idle.pixmap(22).isNull()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 2 * len(ICON_SIZES_PX)
    assert any("idle-light-22.png missing or unreadable" in line for line in warned)
