"""Publishing: the tracked sessions as STARTED / UPDATED / ENDED events, once per poll.

The snapshot a session would publish is diffed against the last one published, which yields
STARTED / UPDATED, and a session ends when no signal has shown it alive for the grace
period (a refused attempt ends at once). A session first known when it is already over (a
log read at start-up shows it ended while trayclock was down, a refused attempt) comes out
as a STARTED that already carries its end and outcome, then an ENDED with the same session:
the tracker can record it closed at once, or extend the entry a crash recovery closed early.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from trayclock.detect.reconciler.registry import SessionRegistry
from trayclock.detect.reconciler.sighting import LastLineAt
from trayclock.detect.reconciler.tracked import Tracked
from trayclock.detect.reconciler.window_vouch import ShownWindows, WindowVouch
from trayclock.domain.session import EventKind, SessionEvent

logger = logging.getLogger(__name__)


def publish(
    registry: SessionRegistry,
    now: datetime,
    *,
    running: frozenset[str] | None,
    shown: ShownWindows,
    vouch: WindowVouch,
    last_line_at: LastLineAt | None,
    grace: timedelta,
) -> list[SessionEvent]:
    """This poll's events for every tracked session; ended ones leave the registry."""
    events: list[SessionEvent] = []
    for session in list(registry.sessions):
        app_running = running is None or session.app in running
        log_open = session.log_open(app_running)
        outlived = (
            vouch.log_outlived_window(session, now, shown, last_line_at) if log_open else None
        )
        if outlived is not None:
            logger.info(
                "session %s: window gone since %s, log silent: ended there although "
                "the log still says open (its end lines are lost)",
                session.key,
                session.window_last_seen,
            )
            log_open = False
            session.last_alive = outlived
        elif log_open:
            session.last_alive = now
        # A refused attempt ends at once (its window may linger with the error message);
        # anything else waits out the grace period, in case it reconnects.
        alive = session.windows_present or log_open
        ending = session.refused or (not alive and now - session.last_alive >= grace)
        snapshot = session.snapshot()
        if session.published is None:
            # Known only once over (a log read at start-up, an attempt refused at once):
            # the STARTED already carries its end, so it is recorded closed from the start.
            snapshot = session.final() if ending else snapshot
            events.append(SessionEvent(EventKind.STARTED, snapshot, now))
        elif snapshot != session.published:
            events.append(SessionEvent(EventKind.UPDATED, snapshot, now))
        session.published = snapshot
        if ending:
            registry.retire(session)
            ended = ended_event(session, now)
            if ended is not None:
                events.append(ended)
    return events


def ended_event(session: Tracked, now: datetime, *, paused: bool = False) -> SessionEvent | None:
    """The ENDED event of a session that was published (None if it never was).

    Ended by a pause while still alive, it ends at the pause.
    """
    if session.published is None:
        return None
    final = session.final()
    if paused and (session.windows_present or session.log_open(True)):
        final = final.with_changes(end=max(now, final.start))  # cut at the pause
    logger.debug("session %s ended (%s)", session.key, final.outcome)
    return SessionEvent(EventKind.ENDED, final, now)
