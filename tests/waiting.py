"""Waiting in tests: for a condition with a deadline, never for a fixed time; and, on a real X
desktop, the proof that the window manager has handled everything sent before.

A fixed sleep is either too short on a loaded machine (the test flakes) or proves nothing
(the other side had not acted yet, and an absence was "seen"). So tests wait for the event
itself (`wait_until`), and before they check what a window manager did or did not do (the
focus, a frame), they make it answer a request of ours (`window_manager_caught_up`): it
handles its events in order, so its answer comes after every event it got before.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

DEADLINE_S = 25.0  # generous: a loaded 2-core machine, never a timing claim
POLL_S = 0.02


def wait_until(
    condition: Callable[[], T], what: str, timeout_s: float = DEADLINE_S, poll_s: float = POLL_S
) -> T:
    """The first true value `condition()` gives, looked at every `poll_s` until the deadline;
    past it the test fails naming `what`."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(poll_s)


def window_manager_caught_up(display_name: str, timeout_s: float = DEADLINE_S) -> None:
    """Return once the window manager has handled every event the X server gave it before.

    Asks it for the frame extents of a fresh, never mapped window (EWMH
    _NET_REQUEST_FRAME_EXTENTS) and waits until it has set them: the window manager reads its
    events in order, so by then it has handled the map requests, clicks and activation
    messages that came before ours, and done what it does about them (focus, placement,
    stacking: its requests, too, reach the server before its answer). The probe window is
    never shown, so it cannot take the focus or cover anything itself.
    """
    from Xlib import X, display, protocol

    deadline = time.monotonic() + timeout_s
    conn = display.Display(display_name)
    try:
        root = conn.screen().root
        probe = root.create_window(0, 0, 1, 1, 0, X.CopyFromParent, event_mask=X.PropertyChangeMask)
        extents = conn.intern_atom("_NET_FRAME_EXTENTS")
        request = protocol.event.ClientMessage(
            window=probe,
            client_type=conn.intern_atom("_NET_REQUEST_FRAME_EXTENTS"),
            data=(32, [0, 0, 0, 0, 0]),
        )
        root.send_event(request, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
        conn.flush()
        while True:
            while conn.pending_events():
                event = conn.next_event()
                if event.type == X.PropertyNotify and event.atom == extents:
                    probe.destroy()
                    conn.sync()
                    return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(
                    f"the window manager did not answer _NET_REQUEST_FRAME_EXTENTS within "
                    f"{timeout_s:g} s"
                )
            select.select([conn], [], [], remaining)
    finally:
        conn.close()


def frame_on_screen(display_name: str, window: int) -> list[int] | None:
    """[x, y, width, height] of `window` with the frame its window manager drew around it, as
    the X server has it (None until the window manager has framed it)."""
    return _on_screen(display_name, window, framed=True)


def client_on_screen(display_name: str, window: int) -> list[int] | None:
    """[x, y, width, height] of `window` itself on the screen, once the window manager has
    framed it (None before)."""
    return _on_screen(display_name, window, framed=False)


def _on_screen(display_name: str, window: int, *, framed: bool) -> list[int] | None:
    from Xlib import X, display

    conn = display.Display(display_name)
    try:
        client = conn.create_resource_object("window", window)
        extents = client.get_full_property(
            conn.intern_atom("_NET_FRAME_EXTENTS"), X.AnyPropertyType
        )
        if extents is None:
            return None
        left, right, top, bottom = (int(v) for v in extents.value) if framed else (0, 0, 0, 0)
        size = client.get_geometry()
        # translate_coords(root, 0, 0): where the root's origin is in the window; negate it.
        corner = client.translate_coords(conn.screen().root, 0, 0)
        x, y = -corner.x, -corner.y
        return [x - left, y - top, size.width + left + right, size.height + top + bottom]
    finally:
        conn.close()


def doorway_drained(qtbot: Any, doorway: Any, marker: object, timeout_ms: int = 10_000) -> None:
    """Return once everything posted to `doorway` (a trayclock.ui.doorway.Doorway) before this
    call has come out of it. The doorway delivers in order, so `marker`, posted last,
    comes out last; it must be an item the doorway's receivers ignore."""
    with qtbot.waitSignal(
        doorway.arrived, timeout=timeout_ms, check_params_cb=lambda item: item is marker
    ):
        doorway.post(marker)
