"""The tray icon's looks at run time: one picture per state, for light and dark panels, HiDPI
and macOS masks, loaded from the PNGs in resources/icons/tray/.

The pictures are drawn once, by trayclock.ui.icon_drawing, into files the tray loads: PNG
support is built into QtGui (no image plugin), and loading a file needs neither QPainter nor
the Qt namespace (`from PySide6.QtCore import Qt` builds all of its enums: ~1 MiB of Python
objects, measured with PySide6 6.11), which the idle tray has no other use for. A missing or
unreadable file (a broken install) is drawn instead, with a warning in the log: the tray is
never without its icon.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

from trayclock.resources import tray_icons_dir
from trayclock.ui.icon_set import ICON_SIZES_PX, VARIANTS, TrayState, icon_path

# TrayState and the sizes are the tray's words for its icon: importable from here.
__all__ = [
    "ICON_SIZES_PX",
    "TrayState",
    "clear_icon_cache",
    "load_pixmap",
    "panel_is_dark",
    "tray_icon",
]

log = logging.getLogger(__name__)

DARK_LIGHTNESS = 128  # a panel colour darker than this (0-255) is a dark panel


def panel_is_dark() -> bool:
    """Best guess whether the panel behind the tray is dark: the desktop's palette.

    Not `styleHints().colorScheme()`: its Qt.ColorScheme answer builds the whole Qt
    namespace (measured: +1 MiB of Python objects, as any Qt.* value does). The platform
    themes that report a dark scheme (Windows, macOS, KDE, GTK) give a dark palette with it,
    which is what this reads; the scheme alone was only a hint on top of it.
    """
    if QGuiApplication.instance() is None:
        return False
    return QGuiApplication.palette().window().color().lightness() < DARK_LIGHTNESS


def _variant(dark: bool, mask: bool) -> str:
    return next(name for name, flags in VARIANTS.items() if flags == (dark, mask))


def load_pixmap(state: TrayState, size_px: int, *, dark: bool, mask: bool = False) -> QPixmap:
    """One picture from its file; drawn (and logged) when the file is missing or unreadable."""
    path = icon_path(tray_icons_dir(), state, _variant(dark, mask), size_px)
    pixmap = QPixmap(str(path))
    if not pixmap.isNull() and pixmap.width() == size_px:
        return pixmap
    log.warning("tray icon %s missing or unreadable: drawing it instead", path)
    from trayclock.ui.icon_drawing import draw_pixmap  # QPainter only for a broken install

    return draw_pixmap(state, size_px, dark=dark, mask=mask)


_cache: dict[tuple[TrayState, bool, bool], QIcon] = {}


def tray_icon(state: TrayState, *, dark: bool | None = None, mask: bool | None = None) -> QIcon:
    """The icon for a state, with every size (HiDPI panels pick the 2x ones).

    On macOS the menu bar tints a mask icon itself for light, dark and highlighted
    menu bars, so the icon is in one colour and marked as a mask.
    """
    if mask is None:
        mask = sys.platform == "darwin"
    if dark is None:
        dark = panel_is_dark()
    key = (state, dark, mask)
    icon = _cache.get(key)
    if icon is None:
        icon = QIcon()
        for size in ICON_SIZES_PX:
            icon.addPixmap(load_pixmap(state, size, dark=dark, mask=mask))
        icon.setIsMask(mask)
        _cache[key] = icon
    return icon


def clear_icon_cache() -> None:
    _cache.clear()
