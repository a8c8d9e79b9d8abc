"""The tray icon of every state is drawn without the font system (its marks are strokes).

Text in a QPainter loads fontconfig's configuration and caches, a font file and FreeType: ~3
MiB of heap and 4 MiB of RSS a tray waiting for a customer kept for one "?". A child
interpreter draws every state (this one has drawn text in other tests already) and tells
what it has mapped then.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
from trayclock.ui.icon_drawing import draw_pixmap
from trayclock.ui.icons import TrayState, tray_icon
for state in TrayState:
    tray_icon(state)
    for dark, mask in ((False, False), (True, False), (False, True)):
        draw_pixmap(state, 64, dark=dark, mask=mask)
if sys.argv[1] == "text":  # the check itself: drawing a letter does map them
    from PySide6.QtGui import QPainter, QPixmap
    pixmap = QPixmap(32, 32)
    painter = QPainter(pixmap)
    painter.drawText(4, 20, "?")
    painter.end()
maps = [line.split()[-1] for line in open("/proc/self/maps") if "/" in line]
fonts = sorted({path for path in maps if path.endswith((".ttf", ".otf", ".pfb", ".pcf.gz"))
                or ".cache-" in path})
print(json.dumps(fonts))
"""


def _fonts_mapped(mode: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    fonts = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(fonts, list)
    return fonts


def test_no_state_of_the_tray_icon_loads_a_font() -> None:
    assert _fonts_mapped("icons") == []
    assert _fonts_mapped("text")  # drawing text would have shown up
