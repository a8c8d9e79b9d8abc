"""Start-up hold-back: old open log sessions that the previous run already dealt with.

Start-up (`PreviousRun`: the previous run's last sign of life and the session keys it left
running): an open log session that started before that moment (by more than the match
slack: the previous run had time to see it) and has no line after it is
the previous run's business — it either ended it (say, by the window rule in
`window_vouch`) or never tracked it. Such a session is held back, not reported, unless
(a) the previous run left it running (its key is in `left_open`: a crash or kill, so it
continues), (b) a window of the same app and a compatible partner is visible within the
first grace period, (c) a new line of it comes in while it is still open, or (d) the window
source is unavailable (then the log is the only evidence, and trusted). A held session
whose end comes later is dropped, and so is one that ended within the match slack after
that moment (the previous run counted it, say by its window, and its log's end came a
moment later) unless it was left running.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from trayclock.detect.reconciler.sighting import LastLineAt, WindowSighting
from trayclock.domain.session import RemoteSession

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PreviousRun:
    """What the previous run of trayclock left behind (see the module docstring).

    `last_seen`: its last sign of life (its last heartbeat); `left_open`: the session keys
    it still had running then (their entries were closed by crash recovery).
    """

    last_seen: datetime
    left_open: frozenset[str] = frozenset()


class Verdict(Enum):
    """What becomes of a log session the logs report."""

    TAKE = "take"  # track it as usual
    HOLD = "hold"  # the previous run's business, unless something confirms it later
    DROP = "drop"  # the previous run counted it: never track it (its key counts as ended)


class StartupHoldBack:
    """The held-back log sessions, and the rule that holds, drops or releases them."""

    def __init__(self, previous: PreviousRun | None, *, grace: timedelta, slack: timedelta):
        self._previous = previous
        self._grace = grace
        self._slack = slack
        self._held: dict[str, RemoteSession] = {}  # old open log sessions not taken up (yet)
        self._first_observed: datetime | None = None

    def note_poll(self, now: datetime) -> None:
        """Called at every poll: the first one starts the window-confirmation period."""
        if self._first_observed is None:
            self._first_observed = now

    def judge(self, log: RemoteSession, last_line_at: LastLineAt | None) -> Verdict:
        """Whether the logs' news of `log` (not tracked yet) is taken, held or dropped."""
        previous = self._previous
        if previous is None or log.key in previous.left_open:
            return Verdict.TAKE
        if log.key in self._held and log.end is not None:
            # Its end came while held: whatever the previous run decided stands.
            del self._held[log.key]
            logger.info("held-back log session %s ended; not counted again", log.key)
            return Verdict.DROP
        if (
            log.end is not None
            and log.start < previous.last_seen
            and log.end <= previous.last_seen + self._slack
        ):
            # Ended as the previous run went quiet: it counted it, by its window most likely
            # (TeamViewer's record comes a moment after the window closed, and the window's
            # end is the entry's last heartbeat when nothing else runs).
            return Verdict.DROP
        # Poll lag and clock skew: a session begun just before the last sign of life may never
        # have been seen by the previous run.
        if log.end is not None or log.start >= previous.last_seen - self._slack:
            return Verdict.TAKE
        if _newest_line(log, last_line_at) > previous.last_seen:
            self._held.pop(log.key, None)
            return Verdict.TAKE
        if log.key not in self._held:
            logger.info(
                "log session %s still open but older than the last run (%s): held back "
                "until a window or a new line confirms it",
                log.key,
                previous.last_seen,
            )
        self._held[log.key] = log
        return Verdict.HOLD

    def release(
        self,
        now: datetime,
        windows: Sequence[WindowSighting],
        *,
        windows_known: bool,
        last_line_at: LastLineAt | None,
    ) -> list[RemoteSession]:
        """The held sessions that something now confirms, no longer held (oldest first)."""
        if not self._held or self._previous is None:
            return []
        starting = self._first_observed is not None and now - self._first_observed <= self._grace
        released: list[RemoteSession] = []
        for key, log in list(self._held.items()):
            if not windows_known:
                why = "no window source to ask"
            elif starting and any(_may_show(s, log) for s in windows):
                why = "a window shows it"
            elif _newest_line(log, last_line_at) > self._previous.last_seen:
                why = "a new line of it"
            else:
                continue
            del self._held[key]
            logger.info("held-back log session %s taken up: %s", key, why)
            released.append(log)
        return released


def _newest_line(log: RemoteSession, last_line_at: LastLineAt | None) -> datetime:
    """The newest line the logs showed of `log` (its start when none is known)."""
    seen = last_line_at(log.key) if last_line_at is not None else None
    return max(log.start, seen) if seen is not None else log.start


def _may_show(sighting: WindowSighting, log: RemoteSession) -> bool:
    """The window could be this log session's: same app, and no partner ID contradicts."""
    if sighting.app != log.app:
        return False
    return not (sighting.partner_id and log.partner_id) or sighting.partner_id == log.partner_id
