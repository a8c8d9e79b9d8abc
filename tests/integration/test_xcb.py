"""The libxcb binding (trayclock.detect.signals.xcb) against a REAL X server: a private Xvfb,
with python-xlib as the other client making the windows.

What detection relies on: replies read right (and many in one batch), a vanished window's
errors as values or exceptions that leave the connection usable, events delivered with the
descriptor readable, a dead server reported as a lost connection, the one extension request.
Xvfb is required (scripts/system-deps.sh): without it these tests fail; they never skip.
"""

from __future__ import annotations

import select
import struct
from collections.abc import Iterator
from typing import Any

import pytest
from Xlib import X, Xatom

from tests.integration import test_x11_detection as x11_detection
from tests.integration.test_x11_detection import Client, Xvfb
from trayclock.detect.signals import xcb
from trayclock.diagnostics.system import xembed_host_finding

pytestmark = pytest.mark.integration

DEADLINE_S = 15.0
# The private X server and its other client of the X11 detection tests (found by name).
xvfb = x11_detection.xvfb
client = x11_detection.client


@pytest.fixture
def conn(xvfb: Xvfb) -> Iterator[xcb.Connection]:
    made = xcb.Connection(xvfb.display)
    yield made
    made.close()


def next_event(conn: xcb.Connection, kind: int) -> xcb.Event:
    """The next event of `kind`, waiting on the descriptor (never a fixed sleep)."""
    while True:
        while (event := conn.poll_event()) is not None:
            if event.kind == kind:
                return event
        assert select.select([conn.fileno()], [], [], DEADLINE_S)[0], f"no event {kind} in time"


def one_gone_one_kept(client: Client) -> tuple[Any, Any]:
    """Two windows of the other client, the first destroyed already (the server knows)."""
    gone = client.window("soon gone")
    kept = client.window("kept")
    gone.destroy()
    client.d.sync()
    return gone, kept


def test_properties_atoms_and_the_tree_are_read_as_the_other_client_set_them(
    conn: xcb.Connection, client: Client
) -> None:
    window = client.window("Zoë - TeamViewer", "TeamViewer", pid=4711)
    net_wm_name, utf8, pid_atom = conn.intern_atoms(["_NET_WM_NAME", "UTF8_STRING", "_NET_WM_PID"])
    assert (net_wm_name, utf8) == (client.net_wm_name, client.utf8)  # the server's own atoms
    assert conn.root == client.root.id and conn.screen == 0
    assert window.id in conn.query_tree(conn.root)
    title = conn.get_property(window.id, net_wm_name, utf8, 256).reply()
    assert (title.type, title.format, title.value) == (utf8, 8, "Zoë - TeamViewer".encode())
    wm_class = conn.get_property(window.id, xcb.ATOM_WM_CLASS, xcb.ATOM_STRING, 64).reply()
    assert wm_class.value == b"teamviewer\x00TeamViewer\x00"
    pid = conn.get_property(window.id, pid_atom, xcb.ATOM_CARDINAL, 1).reply()
    assert pid.cardinals() == (4711,)
    missing = conn.get_property(window.id, conn.intern_atoms(["_NOT_SET"])[0], 0, 1).reply()
    assert (missing.type, missing.value) == (0, b"")
    wrong_type = conn.get_property(window.id, pid_atom, xcb.ATOM_STRING, 1).reply()
    assert wrong_type.type == xcb.ATOM_CARDINAL and wrong_type.value == b""  # type only
    assert conn.get_map_state(window.id).reply() != xcb.MAP_STATE_UNMAPPED
    window.unmap()
    client.d.sync()
    assert conn.get_map_state(window.id).reply() == xcb.MAP_STATE_UNMAPPED


def test_a_batch_of_requests_gets_each_its_own_reply(conn: xcb.Connection, client: Client) -> None:
    windows = [client.window(f"window {i}", "editor") for i in range(60)]
    asked = [conn.get_property(w.id, xcb.ATOM_WM_NAME, xcb.ATOM_ANY, 64) for w in windows]
    states = [conn.get_map_state(w.id) for w in windows]
    # Read in another order than sent: each reply is found by its sequence number.
    titles = [query.reply().value for query in reversed(asked)]
    assert titles == [f"window {i}".encode() for i in reversed(range(60))]
    assert all(state.reply() != xcb.MAP_STATE_UNMAPPED for state in states)


def test_a_destroyed_windows_reads_are_bad_window_and_the_connection_goes_on(
    conn: xcb.Connection, client: Client
) -> None:
    gone, kept = one_gone_one_kept(client)
    with pytest.raises(xcb.RequestError) as refused:
        conn.get_property(gone.id, xcb.ATOM_WM_NAME, xcb.ATOM_ANY, 64).reply()
    assert refused.value.window_gone and refused.value.code == xcb.BAD_WINDOW
    assert refused.value.resource == gone.id
    # As values in a batch: every reply read, the live window's among them.
    answers = [
        conn.get_map_state(gone.id).result(),
        conn.get_property(kept.id, xcb.ATOM_WM_NAME, xcb.ATOM_ANY, 64).result(),
    ]
    assert isinstance(answers[0], xcb.RequestError) and answers[0].window_gone
    assert isinstance(answers[1], xcb.Property) and answers[1].value == b"kept"
    conn.sync()  # still connected


def test_errors_of_requests_without_a_reply_come_among_the_events(
    conn: xcb.Connection, client: Client
) -> None:
    gone, kept = one_gone_one_kept(client)
    conn.set_event_mask(gone.id, xcb.EVENT_MASK_PROPERTY_CHANGE)  # refused: BadWindow
    conn.set_event_mask(kept.id, xcb.EVENT_MASK_PROPERTY_CHANGE)
    conn.sync()
    error = conn.poll_event()
    assert error == xcb.Event(xcb.X_ERROR, gone.id, error=xcb.BAD_WINDOW)
    assert conn.poll_event() is None and not conn.has_event()
    kept.change_property(client.net_wm_name, client.utf8, 8, b"renamed")  # followed still
    client.d.sync()
    changed = next_event(conn, xcb.PROPERTY_NOTIFY)
    assert (changed.window, changed.atom) == (kept.id, client.net_wm_name)


def test_window_events_arrive_and_make_the_descriptor_readable(
    conn: xcb.Connection, client: Client
) -> None:
    conn.set_event_mask(conn.root, xcb.EVENT_MASK_SUBSTRUCTURE_NOTIFY)
    conn.sync()
    assert not select.select([conn.fileno()], [], [], 0)[0]  # nothing happened yet
    assert not conn.has_event()
    window = client.root.create_window(0, 0, 10, 10, 0, X.CopyFromParent)
    client.d.sync()
    assert select.select([conn.fileno()], [], [], DEADLINE_S)[0]
    assert conn.has_event()  # read, and kept for poll_event
    assert next_event(conn, xcb.CREATE_NOTIFY).window == window.id
    window.map()
    client.d.sync()
    assert next_event(conn, xcb.MAP_NOTIFY).window == window.id
    window.unmap()
    client.d.sync()
    assert next_event(conn, xcb.UNMAP_NOTIFY).window == window.id
    window.destroy()
    client.d.sync()
    assert next_event(conn, xcb.DESTROY_NOTIFY).window == window.id
    # A root property change, as a window manager's client list update.
    conn.set_event_mask(conn.root, xcb.EVENT_MASK_PROPERTY_CHANGE)
    conn.sync()  # the server acts on the new mask before the other client's change
    client.root.change_property(client.d.intern_atom("_NET_CLIENT_LIST"), Xatom.WINDOW, 32, [])
    client.d.sync()
    changed = next_event(conn, xcb.PROPERTY_NOTIFY)
    assert (changed.window, changed.atom) == (conn.root, client.d.intern_atom("_NET_CLIENT_LIST"))


def test_the_server_dying_is_a_lost_connection_everywhere(xvfb: Xvfb) -> None:
    conn = xcb.Connection(xvfb.display)
    conn.sync()
    xvfb.stop()
    with pytest.raises(xcb.ConnectionLost):
        conn.sync()
    with pytest.raises(xcb.ConnectionLost):
        conn.poll_event()
    with pytest.raises(xcb.ConnectionLost):
        conn.fileno()
    conn.close()
    conn.close()  # twice: nothing left to free
    with pytest.raises(xcb.ConnectionLost, match="closed"):
        conn.sync()
    with pytest.raises(xcb.ConnectionLost, match="cannot connect"):
        xcb.Connection(xvfb.display)


def test_a_bad_display_name_is_a_clear_refusal() -> None:
    with pytest.raises(xcb.ConnectionLost, match="cannot parse the display name"):
        xcb.Connection("not a display")


def test_an_extension_request_goes_through_core_libxcb(conn: xcb.Connection) -> None:
    assert conn.query_extension("NO-SUCH-EXTENSION") is None
    opcode = conn.query_extension("MIT-SCREEN-SAVER")
    assert opcode is not None and opcode >= 128  # extensions' major opcodes
    # ScreenSaverQueryInfo (minor 1) on the root: a 32-byte reply, the idle milliseconds @16.
    reply = conn.extension_request(opcode, 1, struct.pack("=I", conn.root)).reply()
    assert len(reply) == 32 and reply[0] == 1  # a reply
    with pytest.raises(xcb.RequestError) as refused:  # no such drawable
        conn.extension_request(opcode, 1, struct.pack("=I", 0x7FFF_FFF0)).reply()
    assert refused.value.code == xcb.BAD_DRAWABLE
    with pytest.raises(ValueError, match="4-byte"):
        conn.extension_request(opcode, 1, b"odd")
    conn.sync()


def test_the_self_check_names_the_xembed_tray_host(xvfb: Xvfb, client: Client) -> None:
    environ = {"DISPLAY": xvfb.display}
    assert "no owner" in xembed_host_finding(environ).text
    host = client.root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
    host.set_wm_class("stalonetray", "Stalonetray")
    host.set_selection_owner(client.d.intern_atom("_NET_SYSTEM_TRAY_S0"), X.CurrentTime)
    client.d.sync()
    assert xembed_host_finding(environ).text == "Stalonetray owns the _NET_SYSTEM_TRAY selection"
    assert "cannot open X display :4243" in xembed_host_finding({"DISPLAY": ":4243"}).text
