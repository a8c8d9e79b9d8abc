"""The Qt binding in use must not corrupt Python's reference counts (PySide6 6.12.0 does)."""

from __future__ import annotations

import PySide6

from trayclock.ui.qt_check import emit_leaks_bool_references


def test_signal_emit_keeps_reference_counts() -> None:
    assert not emit_leaks_bool_references(), (
        f"PySide6 {PySide6.__version__} drops a reference to True/False on every Signal.emit(): "
        "the tray aborts after a few hundred emits. "
        "Pin PySide6-Essentials!=6.12.0 in pyproject.toml."
    )
