"""X11 window titles through the X protocol itself (python-xlib): one connection, events.

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

import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from Xlib import X, Xatom
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.protocol import request

from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter
from trayclock.detect.signals.window_types import WindowInfo

logger = logging.getLogger(__name__)

RECONNECT_S = 5.0  # how often to retry a lost or missing X display
RELIST_S = 60.0  # safety net: re-read the window list even when no event said it changed
NAME_LONGS = 256  # property read size in 32-bit units: titles up to 1 KiB
# Events that arrive while replies are read are handled in the same poll, at most this many
# rounds (a flood of events makes the loop poll again at once instead).
SETTLE_ROUNDS = 8

CandidateRule = Callable[[str, "str | None"], bool]

_CONNECTION_LOST = (xerror.ConnectionClosedError, xerror.DisplayError, OSError)


@dataclass(slots=True)
class _Window:
    title: str = ""
    wm_class: str | None = None
    pid: int | None = None
    mapped: bool = True
    info: WindowInfo | None = None  # built once per change: polls hand out the same object
    followed: bool = True  # subscribed to its property changes


def _property_data(reply: Any) -> Any:
    """The data of a GetProperty reply, None when the window lacks the property."""
    if not reply.property_type:
        return None
    return reply.value[1]  # python-xlib gives (format, data)


class CoreDisplay(Display):  # type: ignore[misc]  # python-xlib has no type hints
    """A connection that loads none of the server's extensions: window lists, titles and
    their events are the core protocol's. python-xlib otherwise imports and sets up every
    extension the server offers (13 on Xvfb: 0.8 MiB in the idle tray, a round trip each)."""

    def list_extensions(self) -> list[str]:
        return []


def _decode_text(value: Any, utf8: bool) -> str:
    """A text property's value as str: UTF-8 for UTF8_STRING, else Latin-1 (ICCCM STRING)."""
    if value is None:
        return ""
    data = value if isinstance(value, bytes | bytearray) else bytes(value)
    text = data.decode("utf-8", "replace") if utf8 else data.decode("latin-1")
    return text.rstrip("\x00")


def _decode_class(value: Any) -> str | None:
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
        self._display: Display | None = None
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
        if self._display is None:
            return
        wire = self._display.display
        try:
            self._catch_up()
            asked = [
                (window_id, request.GetWindowAttributes(display=wire, defer=True, window=window_id))
                for window_id, window in self._windows.items()
                if window.info is not None
            ]
            for window_id, query in asked:
                try:
                    query.reply()
                except (xerror.BadWindow, xerror.BadDrawable):
                    self._windows.pop(window_id, None)
                    self._dirty.discard(window_id)
                    self._listing = None
        except _CONNECTION_LOST as exc:
            self._lose(exc)

    def fileno(self) -> int | None:
        """The X connection's descriptor, readable when an event came; None while there is
        no connection (then `poll_due_in_s` says when to try again)."""
        display = self._display
        if display is None:
            return None
        try:
            return int(display.fileno())
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
            with contextlib.suppress(*_CONNECTION_LOST):
                display.close()

    # --- connection -----------------------------------------------------------------------

    def _reconnect_due(self) -> bool:
        now = self._monotonic()
        return self._last_attempt is None or now - self._last_attempt >= self._reconnect_s

    def _connect(self) -> None:
        self._last_attempt = self._monotonic()
        try:
            display = CoreDisplay(self.display_name)
        except Exception as exc:  # python-xlib raises assorted errors for a bad display name
            self.report_problem(
                f"cannot open X display {self.display_name} ({exc}): window titles unavailable"
            )
            return
        display.set_error_handler(self._on_async_error)
        self._display = display
        self._root = display.screen().root
        atom = display.intern_atom
        self._net_client_list = atom("_NET_CLIENT_LIST")
        self._net_wm_name = atom("_NET_WM_NAME")
        self._utf8 = atom("UTF8_STRING")
        self._net_wm_pid = atom("_NET_WM_PID")
        self._net_active_window = atom("_NET_ACTIVE_WINDOW")
        self._watched_atoms = {
            self._net_wm_name,
            Xatom.WM_NAME,
            Xatom.WM_CLASS,
            self._net_wm_pid,
        }
        self._catch_bad_window = xerror.CatchError(xerror.BadWindow, xerror.BadDrawable)
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

    def _on_async_error(self, err: Any, req: Any) -> None:
        # Errors of requests sent without a handler; a window vanishing between listing and
        # subscribing is normal on a live desktop, so this is debug noise, not a failure.
        logger.debug("X error ignored: %s", err)

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
            if not display.pending_events():
                return
        self._pending = True

    def _drain_events(self) -> None:
        assert self._display is not None
        display = self._display
        while (count := display.pending_events()) > 0:
            for _ in range(count):
                self._on_event(display.next_event())

    def _reread_focused(self) -> None:
        """A window not followed got the focus: read it again, its title may have changed."""
        assert self._display is not None
        self._focus_moved = False
        active = self._root.get_full_property(self._net_active_window, Xatom.WINDOW)
        if active is None or not len(active.value):
            return
        window = self._windows.get(int(active.value[0]))
        if window is not None and not window.followed:
            self._dirty.add(int(active.value[0]))

    def _follow(self, window_id: int, window: _Window, follow: bool) -> None:
        """Subscribe to (or drop) the window's property changes."""
        assert self._display is not None
        request.ChangeWindowAttributes(
            display=self._display.display,
            onerror=self._catch_bad_window,
            window=window_id,
            attrs={"event_mask": X.PropertyChangeMask if follow else 0},
        )
        window.followed = follow
        self._follow_changed = True

    def _on_event(self, event: Any) -> None:
        kind = event.type
        if kind == X.PropertyNotify:
            window_id = event.window.id
            if window_id == self._root.id:
                if event.atom == self._net_client_list:
                    self._list_stale = True
                elif event.atom == self._net_active_window:
                    self._focus_moved = True
            elif window_id in self._windows and event.atom in self._watched_atoms:
                self._dirty.add(window_id)
        elif kind in (X.MapNotify, X.UnmapNotify):
            known = self._windows.get(event.window.id)
            if known is not None:
                known.mapped = kind == X.MapNotify
                self._listing = None
        elif kind in (X.CreateNotify, X.DestroyNotify, X.ReparentNotify):
            self._list_stale = True

    def _set_root_mask(self, has_wm: bool) -> None:
        assert self._display is not None
        # Without a window manager, the root's children ARE the top-level windows: follow
        # their creation, destruction and mapping. With one, its client list says it all.
        mask = X.PropertyChangeMask | (0 if has_wm else X.SubstructureNotifyMask)
        if mask != self._root_mask:
            self._root.change_attributes(event_mask=mask)
            self._display.flush()  # python-xlib queues requests without a reply; send it now
            self._root_mask = mask

    def _relist(self) -> None:
        assert self._display is not None
        self._list_stale = False
        self._last_list = self._monotonic()
        ids = self._top_level_ids()
        if ids is None or self._has_wm != (self._root_mask & X.SubstructureNotifyMask == 0):
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
        clients = self._root.get_full_property(self._net_client_list, Xatom.WINDOW)
        self._has_wm = clients is not None
        if self._root_mask == 0:
            return None
        if clients is not None:
            return [int(value) for value in clients.value]
        return [child.id for child in self._root.query_tree().children]

    def _fetch(self, window_ids: Iterable[int]) -> None:
        """Read name, class and pid of these windows in one pipelined round trip."""
        assert self._display is not None
        wire = self._display.display
        pending = []
        for window_id in list(window_ids):
            queries = [
                request.GetProperty(
                    display=wire,
                    defer=True,
                    delete=False,
                    window=window_id,
                    property=prop,
                    type=kind,
                    long_offset=0,
                    long_length=length,
                )
                for prop, kind, length in (
                    (self._net_wm_name, self._utf8, NAME_LONGS),
                    (Xatom.WM_NAME, X.AnyPropertyType, NAME_LONGS),
                    (Xatom.WM_CLASS, Xatom.STRING, NAME_LONGS),
                    (self._net_wm_pid, Xatom.CARDINAL, 1),
                )
            ]
            attributes = (
                None
                if self._has_wm
                else request.GetWindowAttributes(display=wire, defer=True, window=window_id)
            )
            pending.append((window_id, queries, attributes))
        self._dirty.clear()
        self._listing = None
        for window_id, queries, attributes in pending:
            try:
                for query in queries:
                    query.reply()
                if attributes is not None:
                    attributes.reply()
            except (xerror.BadWindow, xerror.BadDrawable):
                self._windows.pop(window_id, None)  # vanished mid-query
                continue
            window = self._windows.get(window_id)
            if window is None:
                continue
            net_name, wm_name, wm_class, pid = (_property_data(query) for query in queries)
            title = _decode_text(net_name, True)
            if not title:
                title = _decode_text(wm_name, queries[1].property_type == self._utf8)
            window.title = title
            window.wm_class = _decode_class(wm_class)
            window.pid = int(pid[0]) if pid is not None and len(pid) else None
            window.info = (
                WindowInfo(window_id, title, window.wm_class, window.pid) if title else None
            )
            if attributes is not None:
                window.mapped = attributes.map_state != X.IsUnmapped
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
