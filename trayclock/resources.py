"""Where trayclock's resources folder (icons, translations) is: in the bundle or the checkout."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources folder: inside a PyInstaller bundle, else the source tree's."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def hicolor_icons_dir() -> Path:
    """The application icon at each size, laid out as an XDG hicolor theme (NxN/apps/)."""
    return resources_dir() / "icons" / "hicolor"


def tray_icons_dir() -> Path:
    """The tray icon's PNGs: every state, variant and size (trayclock.ui.icon_set names them)."""
    return resources_dir() / "icons" / "tray"
