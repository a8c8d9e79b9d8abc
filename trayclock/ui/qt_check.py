"""A known-bad Qt binding check: PySide6 6.12.0 drops a reference to True/False on every emit().

Each `SignalInstance.emit()` returns its bool without owning a reference, so after a few
hundred emits Python deallocates True and aborts ("bool_dealloc"). A tray that refreshes
every 30 s dies within hours. Detected at start-up and by the test suite, so the cause is
named instead of a crash hours later.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

PROBE_EMITS = 8


class _Probe(QObject):
    pinged = Signal()


def emit_leaks_bool_references() -> bool:
    """True when this PySide6 loses a reference to a bool on each emit."""
    probe = _Probe()
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(PROBE_EMITS):
        probe.pinged.emit()  # the result is dropped: a sound binding leaves the counts as they were
    after = sys.getrefcount(True) + sys.getrefcount(False)
    return after < before
