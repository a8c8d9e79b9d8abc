"""The pure core of detection: window sightings, log sessions and process presence in, events out.

No I/O and no clock reads: every call gets `now`. One `_Tracked` per session merges what each
signal knows; the snapshot it would publish is diffed against the last one published, which
yields STARTED / UPDATED, and a session ends when no signal has shown it alive for the grace
period (a refused attempt ends at once). Reconnects within grace rejoin the same session.

A session first known when it is already over (a log read at start-up shows it ended while
trayclock was down, a refused attempt) comes out as a STARTED that already carries its end
and outcome, then an ENDED with the same session: the tracker can record it closed at once,
or extend the entry a crash recovery closed early.

A log that lost its end lines would keep a session open for as long as the app runs, and
AnyDesk's service always runs. So for the apps in `WINDOW_VOUCHED_APPS` (one window per
session; AnyDesk) the window vouches for the log: a session that was seen with a window,
whose window (that window id, under any title) has been gone for `2 × grace` while the
window source works and no line of its log session came in that time, ends at its last
sign of life (the window's last sighting, or a later line) although its log still says open.
When detection stops (`finish`, the app quits) such a session ends at once: the next run
could not tell it from one still running.

Start-up (`PreviousRun`: the previous run's last sign of life and the session keys it left
running): an open log session that started before that moment (by more than the match
slack: the previous run had time to see it) and has no line after it is
the previous run's business — it either ended it (say, by the window rule above) or never
tracked it. Such a session is held back, not reported, unless (a) the previous run left it
running (its key is in `left_open`: a crash or kill, so it continues), (b) a window of the
same app and a compatible partner is visible within the first grace period, (c) a new line
of it comes in while it is still open, or (d) the window source is unavailable (then the
log is the only evidence, and trusted). A held session whose end comes later is dropped,
and so is one that ended within the match slack after that moment (the previous run counted
it, say by its window, and its log's end came a moment later) unless it was left running.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent

logger = logging.getLogger(__name__)

GRACE_S = 60.0  # RustDesk (and maybe others) drop and reconnect by themselves within this
MATCH_SLACK_S = 10.0  # clock skew and poll lag allowed when pairing a log session with a window
_REMEMBERED_KEYS = 10_000  # ended/ignored log keys kept to recognise repeats; oldest forgotten
_RECENTLY_ENDED = 64  # ended sessions a late log line may still belong to
# Apps whose every session has a window of its own, and whose process runs with no session
# (AnyDesk's service): their window vouches for their log. Not RustDesk or TeamViewer: their
# tabs show one session at a time, so a running session's window can be out of sight.
WINDOW_VOUCHED_APPS = frozenset({"anydesk"})
LOG_OUTLIVES_WINDOW_GRACES = 2  # window gone and log silent this many grace periods: ended

LastLineAt = Callable[[str], datetime | None]

WindowIdentity = tuple[str, int, str]


@dataclass(frozen=True, slots=True)
class WindowSighting:
    """A window that the app's rule calls an outgoing session window, seen in this poll."""

    app: str
    handle: int
    partner_id: str | None
    partner_name: str | None
    title: str = ""

    @property
    def identity(self) -> WindowIdentity:
        # A tabbed window (RustDesk) shows one partner at a time: a title naming another
        # partner is another session's sighting, not a rename of this one.
        label = self.partner_id or (self.partner_name or "").casefold()
        return (self.app, self.handle, label)


@dataclass(frozen=True, slots=True)
class PreviousRun:
    """What the previous run of trayclock left behind (see the module docstring).

    `last_seen`: its last sign of life (its last heartbeat); `left_open`: the session keys
    it still had running then (their entries were closed by crash recovery).
    """

    last_seen: datetime
    left_open: frozenset[str] = frozenset()


@dataclass(eq=False)
class _Tracked:
    key: str
    app: str
    created: datetime
    last_alive: datetime
    window_first_seen: datetime | None = None
    window_last_seen: datetime | None = None
    window_partner_id: str | None = None
    window_partner_name: str | None = None
    windows: set[WindowIdentity] = field(default_factory=set)
    windows_present: bool = False
    logs: dict[str, RemoteSession] = field(default_factory=dict)
    published: RemoteSession | None = None

    # --- what the signals say together -----------------------------------------------------

    @property
    def partner_id(self) -> str | None:
        for log in sorted(self.logs.values(), key=lambda s: s.start, reverse=True):
            if log.partner_id:
                return log.partner_id
        return self.window_partner_id

    @property
    def partner_name(self) -> str | None:
        if self.window_partner_name:
            return self.window_partner_name
        for log in sorted(self.logs.values(), key=lambda s: s.start, reverse=True):
            if log.partner_name:
                return log.partner_name
        return None

    @property
    def start(self) -> datetime:
        # The log's start is exact; a window is only seen at the next poll after it opened.
        starts = [log.start for log in self.logs.values()]
        if self.window_first_seen is not None:
            starts.append(self.window_first_seen)
        return min(starts) if starts else self.created

    def log_open(self, app_running: bool) -> bool:
        return app_running and any(log.end is None for log in self.logs.values())

    @property
    def refused(self) -> bool:
        logs = self.logs.values()
        return bool(self.logs) and all(log.outcome is Outcome.REFUSED for log in logs)

    def snapshot(self) -> RemoteSession:
        return RemoteSession(
            app=self.app,
            key=self.key,
            partner_id=self.partner_id,
            partner_name=self.partner_name,
            start=self.start,
            end=None,
            outcome=Outcome.OPEN,
        )

    def final(self) -> RemoteSession:
        ends = [log.end for log in self.logs.values() if log.end is not None]
        all_logs_ended = bool(self.logs) and len(ends) == len(self.logs)
        end = max(ends) if all_logs_ended else self.last_alive
        outcome = Outcome.REFUSED if self.refused else Outcome.COMPLETED
        return self.snapshot().with_changes(end=max(end, self.start), outcome=outcome)

    def partner_fit(
        self, partner_id: str | None, partner_name: str | None, *, from_window: bool
    ) -> int:
        """2: the same partner for sure; 1: nothing contradicts; 0: another partner.

        IDs compare across signals. Names compare only window title to window title: a log's
        user or host name and a title's alias may differ for the very same partner.
        """
        mine_id = self.partner_id
        if partner_id and mine_id:
            return 2 if partner_id == mine_id else 0
        if not partner_name:
            return 1
        wanted = partner_name.casefold()
        if from_window and self.window_partner_name:
            return 2 if self.window_partner_name.casefold() == wanted else 0
        names = {log.partner_name.casefold() for log in self.logs.values() if log.partner_name}
        return 2 if wanted in names else 1


class _BoundedSet:
    """A set that forgets its oldest members beyond a size: memory stays flat all day."""

    def __init__(self, limit: int = _REMEMBERED_KEYS) -> None:
        self._items: OrderedDict[str, None] = OrderedDict()
        self._limit = limit

    def add(self, item: str) -> None:
        self._items[item] = None
        self._items.move_to_end(item)
        while len(self._items) > self._limit:
            self._items.popitem(last=False)

    def __contains__(self, item: object) -> bool:
        return item in self._items


class Reconciler:
    """Merges the signals into session events. Feed it once per poll with `observe`."""

    def __init__(
        self,
        grace_s: float = GRACE_S,
        match_slack_s: float = MATCH_SLACK_S,
        *,
        previous_run: PreviousRun | None = None,
        window_vouched_apps: frozenset[str] = WINDOW_VOUCHED_APPS,
    ) -> None:
        if grace_s < 0:
            raise ValueError(f"grace period must not be negative, got {grace_s}")
        self.grace = timedelta(seconds=grace_s)
        self.slack = timedelta(seconds=match_slack_s)
        self._sessions: list[_Tracked] = []
        self._by_log: dict[str, _Tracked] = {}
        self._by_window: dict[WindowIdentity, _Tracked] = {}
        self._ended_logs = _BoundedSet()  # log keys of ended sessions: a repeat is no news
        self._ignored_logs = _BoundedSet()  # seen while paused: never tracked
        self._retired_windows: set[WindowIdentity] = set()  # ignored until they close
        self._used_keys = _BoundedSet()
        self._recently_ended: deque[_Tracked] = deque(maxlen=_RECENTLY_ENDED)
        self._suspended = False
        self._previous = previous_run
        self._window_vouched = window_vouched_apps
        self._held: dict[str, RemoteSession] = {}  # old open log sessions not taken up (yet)
        self._first_observed: datetime | None = None
        self._last_line_at: LastLineAt | None = None
        self._shown: set[tuple[str, int]] | None = None  # (app, window id) seen at the last poll

    # --- public ---------------------------------------------------------------------------

    @property
    def suspended(self) -> bool:
        return self._suspended

    def open_sessions(self) -> list[RemoteSession]:
        """The sessions published and not ended, as last published."""
        return [t.published for t in self._sessions if t.published is not None]

    def log_keys_of(self, key: str) -> tuple[str, ...]:
        """The log sessions merged into session `key` (open or recently ended); () if none."""
        for session in (*self._sessions, *self._recently_ended):
            if session.key == key:
                return tuple(session.logs)
        return ()

    def observe(
        self,
        now: datetime,
        *,
        windows: Sequence[WindowSighting] | None,
        logs: Iterable[RemoteSession] = (),
        running: frozenset[str] | None = None,
        last_line_at: LastLineAt | None = None,
    ) -> list[SessionEvent]:
        """One poll's signals → the events they cause.

        `windows` is every session window visible now (None: the window source is
        unavailable, which counts as "no window"); `logs` the log sessions whose knowledge
        changed since the last call; `running` the apps with a live process (None: unknown);
        `last_line_at(log_key)` when the logs last showed a line of that log session.
        """
        if self._first_observed is None:
            self._first_observed = now
        self._last_line_at = last_line_at
        present = {s.identity: s for s in windows or ()}
        self._retired_windows &= present.keys()
        if self._suspended:
            self._retired_windows |= present.keys()
            for log in logs:
                self._ignored_logs.add(log.key)
            return []
        for log in sorted(logs, key=lambda s: s.start):
            self._take_log(log, now)
        self._release_held(now, list(present.values()), windows_known=windows is not None)
        vanished = {i: t for i, t in self._by_window.items() if i not in present}
        for identity in vanished:
            del self._by_window[identity]
        for session in self._sessions:
            session.windows_present = False
        # Windows already known first: a new window must see which sessions still have theirs.
        known = [s for i, s in present.items() if i in self._by_window]
        new = [s for i, s in present.items() if i not in self._by_window]
        for sighting in known + new:
            if sighting.identity not in self._retired_windows:
                self._take_window(sighting, now, vanished)
        self._shown = {identity[:2] for identity in present} if windows is not None else None
        return self._publish(now, running, self._shown)

    def suspend(self, now: datetime) -> list[SessionEvent]:
        """Pause: end every open session now; what is open or starts while paused is ignored."""
        events = [self._end(t, now, paused=True) for t in list(self._sessions)]
        self._retired_windows |= self._by_window.keys()
        self._by_window.clear()
        self._suspended = True
        return [e for e in events if e is not None]

    def resume(self) -> None:
        self._suspended = False

    def finish(self, now: datetime) -> list[SessionEvent]:
        """Detection stops (the app quits): sessions already gone, waiting out their grace,
        end now at their last sign of life. Sessions still alive stay open: whoever runs the
        detection keeps them (the tracker's last heartbeat, and a restart that sees them).
        A window-vouched session whose window is gone ends too, though its log says open:
        the next run could not tell it from one still running (the window rule needs time)."""
        events = []
        for session in list(self._sessions):
            if session.windows_present:
                continue
            if session.log_open(True):
                gone_at = self._log_outlived_window(session, now, self._shown, wait_graces=0)
                if gone_at is None:
                    continue
                session.last_alive = gone_at
            ended = self._end(session, now)
            if ended is not None:
                events.append(ended)
        return events

    # --- logs -----------------------------------------------------------------------------

    def _take_log(self, log: RemoteSession, now: datetime) -> None:
        if log.key in self._ignored_logs:
            return
        owner = self._by_log.get(log.key)
        if owner is not None:
            owner.logs[log.key] = log
            return
        if log.key in self._ended_logs and log.end is not None:
            return  # the same finished session told again (e.g. re-read after rotation)
        if self._hold_back(log):
            return
        self._adopt(log, now)

    def _hold_back(self, log: RemoteSession) -> bool:
        """True when `log` is an old open session the previous run already dealt with."""
        previous = self._previous
        if previous is None or log.key in previous.left_open:
            return False
        if log.key in self._held and log.end is not None:
            # Its end came while held: whatever the previous run decided stands.
            del self._held[log.key]
            self._ended_logs.add(log.key)
            logger.info("held-back log session %s ended; not counted again", log.key)
            return True
        if (
            log.end is not None
            and log.start < previous.last_seen
            and log.end <= previous.last_seen + self.slack
        ):
            # Ended as the previous run went quiet: it counted it, by its window most likely
            # (TeamViewer's record comes a moment after the window closed, and the window's
            # end is the entry's last heartbeat when nothing else runs).
            self._ended_logs.add(log.key)
            return True
        # Poll lag and clock skew: a session begun just before the last sign of life may never
        # have been seen by the previous run.
        if log.end is not None or log.start >= previous.last_seen - self.slack:
            return False
        if self._newest_line(log) > previous.last_seen:
            self._held.pop(log.key, None)
            return False
        if log.key not in self._held:
            logger.info(
                "log session %s still open but older than the last run (%s): held back "
                "until a window or a new line confirms it",
                log.key,
                previous.last_seen,
            )
        self._held[log.key] = log
        return True

    def _newest_line(self, log: RemoteSession) -> datetime:
        seen = self._last_line_at(log.key) if self._last_line_at is not None else None
        return max(log.start, seen) if seen is not None else log.start

    def _release_held(
        self, now: datetime, windows: Sequence[WindowSighting], *, windows_known: bool
    ) -> None:
        if not self._held or self._previous is None:
            return
        starting = self._first_observed is not None and now - self._first_observed <= self.grace
        for key, log in list(self._held.items()):
            if not windows_known:
                why = "no window source to ask"
            elif starting and any(_may_show(s, log) for s in windows):
                why = "a window shows it"
            elif self._newest_line(log) > self._previous.last_seen:
                why = "a new line of it"
            else:
                continue
            del self._held[key]
            logger.info("held-back log session %s taken up: %s", key, why)
            self._adopt(log, now)

    def _adopt(self, log: RemoteSession, now: datetime) -> None:
        owner = self._match_log(log, now)
        if owner is None:
            if log.end is not None and self._already_counted(log):
                return
            owner = self._new(log.app, self._fresh_key(log.key), now)
            # A session the log reports as long over (read at start-up) needs no grace.
            owner.last_alive = min(log.end or now, now)
            logger.debug("session %s started from the log", owner.key)
        else:
            owner.last_alive = max(owner.last_alive, min(log.end or now, now))
        owner.logs[log.key] = log
        self._by_log[log.key] = owner

    def _already_counted(self, log: RemoteSession) -> bool:
        """A finished log session that a session ended by its window already covered.

        TeamViewer writes its Connections.txt line when the session ends; should that line
        come after the window's session ended anyway, it must not be counted a second time.
        """
        for session in self._recently_ended:
            if session.app != log.app or session.logs or log.end is None:
                continue
            if session.partner_fit(log.partner_id, log.partner_name, from_window=False) == 0:
                continue
            if (
                log.start <= session.last_alive + self.slack
                and log.end >= session.start - self.slack
            ):
                logger.info(
                    "log session %s matches the ended session %s: not counted twice",
                    log.key,
                    session.key,
                )
                self._ended_logs.add(log.key)
                return True
        return False

    def _match_log(self, log: RemoteSession, now: datetime) -> _Tracked | None:
        log_end = log.end or now
        best: tuple[int, float, int] | None = None
        chosen: _Tracked | None = None
        for order, session in enumerate(self._sessions):
            if session.app != log.app or session.log_open(True):
                continue
            fit = session.partner_fit(log.partner_id, log.partner_name, from_window=False)
            if fit == 0:
                continue
            # Overlap in time, with the reconnect grace after the session was last alive.
            seen_from = session.start - self.slack
            seen_to = (now if session.windows_present else session.last_alive) + self.grace
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

    # --- windows --------------------------------------------------------------------------

    def _take_window(
        self, sighting: WindowSighting, now: datetime, vanished: dict[WindowIdentity, _Tracked]
    ) -> None:
        identity = sighting.identity
        owner = self._by_window.get(identity)
        if owner is None:
            owner = self._match_window(sighting, now, vanished)
            if owner is None:
                # The key links the session to its entry in the store for good, so it must
                # not repeat in the next run: X reuses window ids, and a restart within the
                # same second saw another window with this id take over the old entry.
                key = f"{sighting.app}-window-{now:%Y%m%dT%H%M%S.%f}Z-{sighting.handle:x}"
                owner = self._new(sighting.app, self._fresh_key(key), now)
                logger.debug("session %s started from window %r", owner.key, sighting.title)
            self._by_window[identity] = owner
            owner.windows.add(identity)
        if owner.window_first_seen is None:
            owner.window_first_seen = now
        owner.window_last_seen = now
        owner.windows_present = True
        owner.last_alive = now
        owner.window_partner_id = sighting.partner_id or owner.window_partner_id
        owner.window_partner_name = sighting.partner_name or owner.window_partner_name

    def _match_window(
        self, sighting: WindowSighting, now: datetime, vanished: dict[WindowIdentity, _Tracked]
    ) -> _Tracked | None:
        # The same window whose title just changed (an ID resolved to an alias …).
        for identity, session in vanished.items():
            same_window = identity[:2] == (sighting.app, sighting.handle)
            if same_window and session in self._sessions and self._fit(session, sighting):
                return session
        best: tuple[int, float, int] | None = None
        chosen: _Tracked | None = None
        for order, session in enumerate(self._sessions):
            if session.app != sighting.app:
                continue
            fit = self._fit(session, sighting)
            alive_by_log = session.log_open(True)
            # A second window of a known partner, or its reconnect within grace: sure match.
            # A window without a matching ID/name joins only a log session with no window yet.
            if fit == 2 or (fit == 1 and alive_by_log and not session.windows_present):
                if not session.windows_present and now - session.last_alive > self.grace:
                    continue
                distance = abs((now - session.start).total_seconds())
                rank = (-fit, distance, order)
                if best is None or rank < best:
                    best, chosen = rank, session
        return chosen

    @staticmethod
    def _fit(session: _Tracked, sighting: WindowSighting) -> int:
        return session.partner_fit(sighting.partner_id, sighting.partner_name, from_window=True)

    # --- sessions -------------------------------------------------------------------------

    def _fresh_key(self, base: str) -> str:
        key, n = base, 1
        while key in self._used_keys:
            n += 1
            key = f"{base}#{n}"
        self._used_keys.add(key)
        return key

    def _new(self, app: str, key: str, now: datetime) -> _Tracked:
        session = _Tracked(key=key, app=app, created=now, last_alive=now)
        self._sessions.append(session)
        return session

    def _publish(
        self,
        now: datetime,
        running: frozenset[str] | None,
        shown: set[tuple[str, int]] | None,
    ) -> list[SessionEvent]:
        events: list[SessionEvent] = []
        for session in list(self._sessions):
            app_running = running is None or session.app in running
            log_open = session.log_open(app_running)
            outlived = self._log_outlived_window(session, now, shown) if log_open else None
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
            ending = session.refused or (not alive and now - session.last_alive >= self.grace)
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
                ended = self._end(session, now)
                if ended is not None:
                    events.append(ended)
        return events

    def _log_outlived_window(
        self,
        session: _Tracked,
        now: datetime,
        shown: set[tuple[str, int]] | None,
        *,
        wait_graces: float = LOG_OUTLIVES_WINDOW_GRACES,
    ) -> datetime | None:
        """The last sign of life of a session whose window is long gone and log silent, when
        the window rule (module docstring) ends it; None while it stands."""
        seen = session.window_last_seen
        if (
            shown is None  # no window source: the log is all there is
            or seen is None
            or session.windows_present
            or session.app not in self._window_vouched
            or any(identity[:2] in shown for identity in session.windows)  # another tab?
        ):
            return None
        last = seen
        if self._last_line_at is not None:
            for key, log in session.logs.items():
                line = self._last_line_at(key) if log.end is None else None
                if line is not None:
                    last = max(last, min(line, now))
        if now - last < self.grace * wait_graces:
            return None
        return last

    def _end(
        self, session: _Tracked, now: datetime, *, paused: bool = False
    ) -> SessionEvent | None:
        self._sessions.remove(session)
        self._recently_ended.append(session)
        for log_key in session.logs:
            self._by_log.pop(log_key, None)
            self._ended_logs.add(log_key)
            if paused:
                self._ignored_logs.add(log_key)  # its later lines must not revive it
        for identity in session.windows:
            if self._by_window.get(identity) is session:
                del self._by_window[identity]
                self._retired_windows.add(identity)  # a lingering window is not a new session
        if session.published is None:
            return None
        final = session.final()
        if paused and (session.windows_present or session.log_open(True)):
            final = final.with_changes(end=max(now, final.start))  # cut at the pause
        logger.debug("session %s ended (%s)", session.key, final.outcome)
        return SessionEvent(EventKind.ENDED, final, now)


def _may_show(sighting: WindowSighting, log: RemoteSession) -> bool:
    """The window could be this log session's: same app, and no partner ID contradicts."""
    if sighting.app != log.app:
        return False
    return not (sighting.partner_id and log.partner_id) or sighting.partner_id == log.partner_id
