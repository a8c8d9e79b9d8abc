"""Style sheet snippets more than one window uses (a small module: the idle tray imports it)."""

from __future__ import annotations

PROBLEM_STYLE = "color: #b00020;"  # a field's or a dialog's "what is wrong" line
