"""Matching: which tracked session a new log session or a newly seen window belongs to.

Candidates are ranked by partner fit (see `Tracked.partner_fit`), then by how close in time
they are, then by age; a candidate whose partner contradicts is never chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from trayclock.detect.reconciler.sighting import WindowIdentity, WindowSighting
from trayclock.detect.reconciler.tracked import Tracked
from trayclock.domain.session import RemoteSession

# (-partner fit, distance in seconds, order tracked): the smallest rank wins.
_Rank = tuple[int, float, int]


def match_log(
    sessions: Sequence[Tracked],
    log: RemoteSession,
    now: datetime,
    *,
    grace: timedelta,
    slack: timedelta,
) -> Tracked | None:
    """The session without an open log that `log` continues (a window's, a reconnect's)."""
    log_end = log.end or now
    best: _Rank | None = None
    chosen: Tracked | None = None
    for order, session in enumerate(sessions):
        if session.app != log.app or session.log_open(True):
            continue
        fit = session.partner_fit(log.partner_id, log.partner_name, from_window=False)
        if fit == 0:
            continue
        # Overlap in time, with the reconnect grace after the session was last alive.
        seen_from = session.start - slack
        seen_to = (now if session.windows_present else session.last_alive) + grace
        if log.start > seen_to or log_end < seen_from:
            continue
        seen_end = now if session.windows_present else session.last_alive
        distance = abs((log.start - session.start).total_seconds())
        if log.end is not None:
            distance += abs((log.end - seen_end).total_seconds())
        rank = (-fit, distance, order)
        if best is None or rank < best:
            best, chosen = rank, session
    return chosen


def already_counted(
    recently_ended: Iterable[Tracked], log: RemoteSession, *, slack: timedelta
) -> Tracked | None:
    """The session ended by its window that already covered the finished `log`, if any.

    TeamViewer writes its Connections.txt line when the session ends; should that line
    come after the window's session ended anyway, it must not be counted a second time.
    """
    for session in recently_ended:
        if session.app != log.app or session.logs or log.end is None:
            continue
        if session.partner_fit(log.partner_id, log.partner_name, from_window=False) == 0:
            continue
        if log.start <= session.last_alive + slack and log.end >= session.start - slack:
            return session
    return None


def match_window(
    sessions: Sequence[Tracked],
    vanished: Mapping[WindowIdentity, Tracked],
    sighting: WindowSighting,
    now: datetime,
    *,
    grace: timedelta,
) -> Tracked | None:
    """The session a window not seen at the last poll belongs to; None: a new session.

    `vanished`: the windows seen at the last poll and gone now, with their sessions.
    """
    # The same window whose title just changed (an ID resolved to an alias …).
    for identity, session in vanished.items():
        same_window = identity[:2] == (sighting.app, sighting.handle)
        if same_window and session in sessions and _window_fit(session, sighting):
            return session
    best: _Rank | None = None
    chosen: Tracked | None = None
    for order, session in enumerate(sessions):
        if session.app != sighting.app:
            continue
        fit = _window_fit(session, sighting)
        alive_by_log = session.log_open(True)
        # A second window of a known partner, or its reconnect within grace: sure match.
        # A window without a matching ID/name joins only a log session with no window yet.
        if fit == 2 or (fit == 1 and alive_by_log and not session.windows_present):
            # Gone for longer than grace: a new session. A session whose log is open is
            # alive now, however long since the last poll (a stalled detection thread, on a
            # loaded machine or behind a busy GUI, polls again only later).
            gone = not session.windows_present and not alive_by_log
            if gone and now - session.last_alive > grace:
                continue
            distance = abs((now - session.start).total_seconds())
            rank = (-fit, distance, order)
            if best is None or rank < best:
                best, chosen = rank, session
    return chosen


def _window_fit(session: Tracked, sighting: WindowSighting) -> int:
    return session.partner_fit(sighting.partner_id, sighting.partner_name, from_window=True)
