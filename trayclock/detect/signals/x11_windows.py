"""X11 window titles through the X protocol itself (libxcb, `xcb`): one connection, events.

The first poll reads every top-level window's name, class and pid in one pipelined batch;
later polls only drain the X events this source subscribed to and re-read what changed, so
a poll with hundreds of windows costs well under a millisecond when nothing happens. The
connection's file descriptor (`fileno`) is what the detection loop waits on: it becomes
readable only when one of these events comes, so an idle desktop wakes nobody.

Events: the root window's property changes (`_NET_CLIENT_LIST`: windows came or went;
`_NET_ACTIVE_WINDOW`: another window has the focus) and, on each candidate window, its own
property changes (`_NET_WM_NAME` / `WM_NAME` titles, class, pid). A candidate is a window
that `is_candidate(title, class)` says may be or become a session window (the monitor
passes the remote apps' rule: their names in the class or title); the others are read once
when they appear and again when they get the focus, so their typing and title churn costs
nothing. Without `is_candidate` every window is followed.

Windows that vanish mid-query (BadWindow) are dropped; a lost X server is reported through
`problem` and reconnected every few seconds (`poll_due_in_s` says when).

Top-level windows come from the window manager's `_NET_CLIENT_LIST`; without a window
manager (a bare Xvfb) they are the root window's mapped children.

Why this module is long: one connection's state (what is listed, followed, dirty, lost) is
changed by events, listing and fetching alike, and reads best in one place.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from trayclock.detect.signals import xcb
from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter
from trayclock.detect.signals.window_types import WindowInfo

logger = logging.getLogger(__name__)

RECONNECT_S = 5.0  # how often to retry a lost or missing X display
RELIST_S = 60.0  # safety net: re-read the window list even when no event said it changed
NAME_LONGS = 256  # property read size in 32-bit units: titles up to 1 KiB
LIST_LONGS = 1 << 16  # the client list's read size in 32-bit units: up to 65,536 windows
# Events that arrive while replies are read are handled in the same poll, at most this many
# rounds (a flood of events makes the loop poll again at once instead).
SETTLE_ROUNDS = 8

# In the order _connect unpacks them.
ATOM_NAMES = (
    "_NET_CLIENT_LIST",
    "_NET_WM_NAME",
    "UTF8_STRING",
    "_NET_WM_PID",
    "_NET_ACTIVE_WINDOW",
)

CandidateRule = Callable[[str, "str | None"], bool]

_CONNECTION_LOST = xcb.ConnectionLost


@dataclass(slots=True)
class _Window:
    title: str = ""
    wm_class: str | None = None
    pid: int | None = None
    mapped: bool = True
    info: WindowInfo | None = None  # built once per change: polls hand out the same object
    followed: bool = True  # subscribed to its property changes


def _open(display_name: str) -> tuple[xcb.Connection, list[int]]:
    """A connection and the atoms this source uses, or ConnectionLost."""
    display = xcb.Connection(display_name)
    try:
        return display, display.intern_atoms(list(ATOM_NAMES))
    except xcb.ConnectionLost:
        display.close()
        raise


def _property_data(reply: xcb.Property) -> bytes | None:
    """The data of a GetProperty reply, None when the window lacks the property."""
    return reply.value if reply.type else None


def _decode_text(value: bytes | None, utf8: bool) -> str:
    """A text property's value as str: UTF-8 for UTF8_STRING, else Latin-1 (ICCCM STRING)."""
    if value is None:
        return ""
    text = value.decode("utf-8", "replace") if utf8 else value.decode("latin-1")
    return text.rstrip("\x00")


def _gone(answers: Iterable[object]) -> bool:
    """Whether one window's replies (all read: libxcb keeps unread ones) say that it
    vanished mid-query (BadWindow / BadDrawable); any other refusal is raised."""
    refusals = [answer for answer in answers if isinstance(answer, xcb.RequestError)]
    for refused in refusals:
        if not refused.window_gone:
            raise refused
    return bool(refusals)


def _decode_class(value: bytes | None) -> str | None:
    """WM_CLASS is "instance\\0class\\0": the class, else the instance."""
    parts = [part for part in _decode_text(value, False).split("\x00") if part]
    if not parts:
        return None
    return parts[1] if len(parts) > 1 else parts[0]


class X11WindowSource(ProblemReporter):
    """Window titles of one X display; `list_windows()` never raises."""

    name = "x11"

    def __init__(
        self,
        display_name: str,
        *,
        reconnect_s: float = RECONNECT_S,
        relist_s: float = RELIST_S,
        monotonic: Callable[[], float] = time.monotonic,
        is_candidate: CandidateRule | None = None,
    ) -> None:
        self.display_name = display_name
        self._reconnect_s = reconnect_s
        self._relist_s = relist_s
        self._monotonic = monotonic
        self._is_candidate = is_candidate
        self._focus_moved = False
        self._follow_changed = False
        self._pending = False
        self._display: xcb.Connection | None = None
        self._last_attempt: float | None = None
        self._windows: dict[int, _Window] = {}
        self._dirty: set[int] = set()
        self._listing: list[WindowInfo] | None = None
        self._list_stale = True
        self._last_list = 0.0
        self._has_wm = False
        self._root_mask = 0
        self._connect()

    # --- public ---------------------------------------------------------------------------

    def describe_ok(self) -> str:
        how = "window manager's client list" if self._has_wm else "root children (no WM)"
        return f"{STATUS_OK}: X display {self.display_name}, {how}"

    def list_windows(self) -> list[WindowInfo]:
        if self._display is None and not self._reconnect_due():
            return []
        if self._display is None:
            self._connect()
            if self._display is None:
                return []
        try:
            self._catch_up()
        except _CONNECTION_LOST as exc:
            self._lose(exc)
            return []
        if self._listing is None:  # rebuilt only after a change: most polls change nothing
            self._listing = [
                win.info
                for win in self._windows.values()
                if win.info is not None and (self._has_wm or win.mapped)
            ]
        return self._listing

    def confirm(self) -> None:
        """Ask the server whether each listed window still exists and drop the ones gone, in
        one pipelined round trip. The window manager's client list can name a window for a
        moment after it was destroyed (the WM is another process, slow under load); a look
        that cannot wait for the next change, the last one before quitting, must not count
        such a window as a session still open."""
        display = self._display
        if display is None:
            return
        try:
            self._catch_up()
            asked = [
                (window_id, display.get_map_state(window_id))
                for window_id, window in self._windows.items()
                if window.info is not None
            ]
            answers = [(window_id, query.result()) for window_id, query in asked]
        except _CONNECTION_LOST as exc:
            self._lose(exc)
            return
        for window_id, answer in answers:
            if _gone([answer]):
                self._windows.pop(window_id, None)
                self._dirty.discard(window_id)
                self._listing = None

    def fileno(self) -> int | None:
        """The X connection's descriptor, readable when an event came; None while there is
        no connection (then `poll_due_in_s` says when to try again)."""
        display = self._display
        if display is None:
            return None
        try:
            return display.fileno()
        except _CONNECTION_LOST:
            return None

    def has_pending_events(self) -> bool:
        """Events already read from the connection but not handled (a flood cut short):
        poll again without waiting on the descriptor."""
        return self._pending

    def poll_due_in_s(self) -> float:
        """Seconds until this source wants a poll though no event came: a reconnection
        attempt, or the safety re-listing."""
        now = self._monotonic()
        if self._display is None:
            last = self._last_attempt if self._last_attempt is not None else now
            return max(0.0, last + self._reconnect_s - now)
        return max(0.0, self._last_list + self._relist_s - now)

    def close(self) -> None:
        display, self._display = self._display, None
        if display is not None:
            display.close()

    # --- connection -----------------------------------------------------------------------

    def _reconnect_due(self) -> bool:
        now = self._monotonic()
        return self._last_attempt is None or now - self._last_attempt >= self._reconnect_s

    def _connect(self) -> None:
        self._last_attempt = self._monotonic()
        try:
            display, atoms = _open(self.display_name)
        except (_CONNECTION_LOST, OSError) as exc:  # OSError: no libxcb.so.1 to load
            self.report_problem(
                f"cannot open X display {self.display_name} ({exc}): window titles unavailable"
            )
            return
        self._display = display
        self._root = display.root
        (
            self._net_client_list,
            self._net_wm_name,
            self._utf8,
            self._net_wm_pid,
            self._net_active_window,
        ) = atoms
        self._watched_atoms = {
            self._net_wm_name,
            xcb.ATOM_WM_NAME,
            xcb.ATOM_WM_CLASS,
            self._net_wm_pid,
        }
        self._windows.clear()
        self._dirty.clear()
        self._listing = None
        self._list_stale = True
        self._root_mask = 0
        self._focus_moved = False
        self._pending = False
        self.clear_problem()

    def _lose(self, exc: BaseException) -> None:
        self.report_problem(
            f"X display {self.display_name} went away ({exc.__class__.__name__}): "
            f"window titles unavailable, retrying every {self._reconnect_s:g} s"
        )
        self.close()
        self._windows.clear()
        self._dirty.clear()
        self._listing = None
        self._pending = False

    # --- events and listing ---------------------------------------------------------------

    def _catch_up(self) -> None:
        """Handle the queued events and re-read what they changed, until no event is left
        (replies read meanwhile can bring more): then waiting on the descriptor is safe."""
        assert self._display is not None
        display = self._display
        self._pending = False
        for _ in range(SETTLE_ROUNDS):
            self._drain_events()
            if self._list_stale or self._monotonic() - self._last_list >= self._relist_s:
                self._relist()
            if self._focus_moved:
                self._reread_focused()
            if self._dirty:
                self._fetch(self._dirty)
            if self._follow_changed:
                # (Un)subscriptions have no reply: a round trip makes sure the server acts
                # on them before this poll ends (no event for a window just dropped).
                self._follow_changed = False
                display.sync()
            else:
                display.flush()
            if not display.has_event():
                return
        self._pending = True

    def _drain_events(self) -> None:
        assert self._display is not None
        display = self._display
        while (event := display.poll_event()) is not None:
            self._on_event(event)

    def _reread_focused(self) -> None:
        """A window not followed got the focus: read it again, its title may have changed."""
        assert self._display is not None
        self._focus_moved = False
        active = self._display.get_property(
            self._root, self._net_active_window, xcb.ATOM_WINDOW, 1
        ).reply()
        ids = active.cardinals() if active.type else ()
        if not ids:
            return
        window = self._windows.get(ids[0])
        if window is not None and not window.followed:
            self._dirty.add(ids[0])

    def _follow(self, window_id: int, window: _Window, follow: bool) -> None:
        """Subscribe to (or drop) the window's property changes."""
        assert self._display is not None
        # No reply: a window that vanished meanwhile makes an X error among the events.
        self._display.set_event_mask(window_id, xcb.EVENT_MASK_PROPERTY_CHANGE if follow else 0)
        window.followed = follow
        self._follow_changed = True

    def _on_event(self, event: xcb.Event) -> None:
        kind = event.kind
        if kind == xcb.PROPERTY_NOTIFY:
            window_id = event.window
            if window_id == self._root:
                if event.atom == self._net_client_list:
                    self._list_stale = True
                elif event.atom == self._net_active_window:
                    self._focus_moved = True
            elif window_id in self._windows and event.atom in self._watched_atoms:
                self._dirty.add(window_id)
        elif kind in (xcb.MAP_NOTIFY, xcb.UNMAP_NOTIFY):
            known = self._windows.get(event.window)
            if known is not None:
                known.mapped = kind == xcb.MAP_NOTIFY
                self._listing = None
        elif kind in (xcb.CREATE_NOTIFY, xcb.DESTROY_NOTIFY, xcb.REPARENT_NOTIFY):
            self._list_stale = True
        elif kind == xcb.X_ERROR:
            # An error of a request sent without a reply (following a window): a window
            # vanishing between listing and subscribing is normal on a live desktop, so this
            # is debug noise, not a failure.
            logger.debug("X error ignored: %d on 0x%x", event.error, event.window)

    def _set_root_mask(self, has_wm: bool) -> None:
        assert self._display is not None
        # Without a window manager, the root's children ARE the top-level windows: follow
        # their creation, destruction and mapping. With one, its client list says it all.
        substructure = 0 if has_wm else xcb.EVENT_MASK_SUBSTRUCTURE_NOTIFY
        mask = xcb.EVENT_MASK_PROPERTY_CHANGE | substructure
        if mask != self._root_mask:
            self._display.set_event_mask(self._root, mask)
            self._display.flush()  # libxcb buffers requests without a reply; send it now
            self._root_mask = mask

    def _relist(self) -> None:
        assert self._display is not None
        self._list_stale = False
        self._last_list = self._monotonic()
        ids = self._top_level_ids()
        if ids is None or self._has_wm != (
            self._root_mask & xcb.EVENT_MASK_SUBSTRUCTURE_NOTIFY == 0
        ):
            # Subscribe to the root's changes first, then read the list again: a window
            # created between the two reads would otherwise go unnoticed until RELIST_S.
            self._set_root_mask(self._has_wm)
            ids = self._top_level_ids()
        current = set(ids or ())
        if current != self._windows.keys():
            self._listing = None
        for gone in self._windows.keys() - current:
            del self._windows[gone]
            self._dirty.discard(gone)
        for new in current - self._windows.keys():
            # Subscribe before reading, so a title set between the two is never missed (a
            # window that is no candidate is dropped again once read).
            window = _Window()
            self._follow(new, window, True)
            self._windows[new] = window
            self._dirty.add(new)

    def _top_level_ids(self) -> list[int] | None:
        """The top-level windows; None before the root's event mask is set (first read)."""
        assert self._display is not None
        clients = self._display.get_property(
            self._root, self._net_client_list, xcb.ATOM_WINDOW, LIST_LONGS
        ).reply()
        self._has_wm = bool(clients.type)
        if self._root_mask == 0:
            return None
        if self._has_wm:
            return list(clients.cardinals())
        return self._display.query_tree(self._root)

    def _fetch(self, window_ids: Iterable[int]) -> None:
        """Read name, class and pid of these windows in one pipelined round trip."""
        assert self._display is not None
        display = self._display
        asked = []
        for window_id in list(window_ids):
            queries = [
                display.get_property(window_id, prop, kind, length)
                for prop, kind, length in (
                    (self._net_wm_name, self._utf8, NAME_LONGS),
                    (xcb.ATOM_WM_NAME, xcb.ATOM_ANY, NAME_LONGS),
                    (xcb.ATOM_WM_CLASS, xcb.ATOM_STRING, NAME_LONGS),
                    (self._net_wm_pid, xcb.ATOM_CARDINAL, 1),
                )
            ]
            attributes = None if self._has_wm else display.get_map_state(window_id)
            asked.append((window_id, queries, attributes))
        self._dirty.clear()
        self._listing = None
        for window_id, queries, attributes in asked:
            properties = [query.result() for query in queries]
            map_state = attributes.result() if attributes is not None else None
            if _gone([*properties, map_state]):
                self._windows.pop(window_id, None)  # vanished mid-query
                continue
            window = self._windows.get(window_id)
            if window is None:
                continue
            net_name, wm_name, wm_class, pid = (
                reply for reply in properties if isinstance(reply, xcb.Property)
            )
            title = _decode_text(_property_data(net_name), True)
            if not title:
                title = _decode_text(_property_data(wm_name), wm_name.type == self._utf8)
            window.title = title
            window.wm_class = _decode_class(_property_data(wm_class))
            pids = pid.cardinals() if pid.type else ()
            window.pid = pids[0] if pids else None
            window.info = (
                WindowInfo(window_id, title, window.wm_class, window.pid) if title else None
            )
            if isinstance(map_state, int):
                window.mapped = map_state != xcb.MAP_STATE_UNMAPPED
            self._decide_following(window_id, window)

    def _decide_following(self, window_id: int, window: _Window) -> None:
        """Follow a candidate's property changes; stop following any other window."""
        if self._is_candidate is None:
            return
        candidate = self._is_candidate(window.title, window.wm_class)
        if candidate and not window.followed:
            self._follow(window_id, window, True)
            self._dirty.add(window_id)  # read it once more: a change before subscribing
        elif not candidate and window.followed:
            self._follow(window_id, window, False)
