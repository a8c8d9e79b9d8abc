"""Draw the application icon (the idle clock, light-panel colours) at the XDG hicolor sizes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

writes resources/icons/hicolor/<N>x<N>/apps/trayclock.png, which `trayclock install-desktop`
and the .deb install. Run again when trayclock/ui/icon_drawing.py changes the drawing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from trayclock.ui.icon_drawing import draw_pixmap
from trayclock.ui.icons import TrayState

ROOT = Path(__file__).resolve().parents[1]
# The sizes desktops look up for application menus and launchers (hicolor theme folders).
HICOLOR_SIZES_PX = (16, 22, 24, 32, 48, 64, 128, 256)


def main() -> int:
    app = QApplication(sys.argv[:1])
    out = ROOT / "resources" / "icons" / "hicolor"
    for size in HICOLOR_SIZES_PX:
        path = out / f"{size}x{size}" / "apps" / "trayclock.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not draw_pixmap(TrayState.IDLE, size, dark=False).save(str(path), "PNG"):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path.relative_to(ROOT))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
