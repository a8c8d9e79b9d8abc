"""A stand-in for the attach prompt on the real desktop: a window titled like it with a text
field where the prompt has its customer field; each text entered (Enter) is appended to the
file given, one line each, and the field is emptied for the next.

    python -m tests.integration.typing_window OUT_FILE
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

SEARCH = "typing test"  # what finds it (xdotool's --name is a regular expression)
TITLE = f"Which customer? ({SEARCH})"
SIZE = (520, 160)
FIELD = (10, 56, 500, 40)  # x, y, w, h: holds the technician's click point (200, 76)


def main() -> int:
    out = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle(TITLE)
    window.resize(*SIZE)
    field = QLineEdit(window)
    field.setGeometry(*FIELD)

    def entered() -> None:
        with out.open("a", encoding="utf-8") as file:
            file.write(field.text() + "\n")
        field.clear()

    field.returnPressed.connect(entered)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
