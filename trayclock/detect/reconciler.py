"""The pure core of detection: window sightings, log sessions and process presence in, events out.

No I/O and no clock reads: every call gets `now`. One `_Tracked` per session merges what each
signal knows; the snapshot it would publish is diffed against the last one published, which
yields STARTED / UPDATED, and a session ends when no signal has shown it alive for the grace
period (a refused attempt ends at once). Reconnects within grace rejoin the same session.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent

logger = logging.getLogger(__name__)

GRACE_S = 60.0  # RustDesk (and maybe others) drop and reconnect by themselves within this
MATCH_SLACK_S = 10.0  # clock skew and poll lag allowed when pairing a log session with a window
_REMEMBERED_KEYS = 10_000  # ended/ignored log keys kept to recognise repeats; oldest forgotten
_RECENTLY_ENDED = 64  # ended sessions a late log line may still belong to

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

    def __init__(self, grace_s: float = GRACE_S, match_slack_s: float = MATCH_SLACK_S) -> None:
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
    ) -> list[SessionEvent]:
        """One poll's signals → the events they cause.

        `windows` is every session window visible now (None: the window source is
        unavailable, which counts as "no window"); `logs` the log sessions whose knowledge
        changed since the last call; `running` the apps with a live process (None: unknown).
        """
        present = {s.identity: s for s in windows or ()}
        self._retired_windows &= present.keys()
        if self._suspended:
            self._retired_windows |= present.keys()
            for log in logs:
                self._ignored_logs.add(log.key)
            return []
        for log in sorted(logs, key=lambda s: s.start):
            self._take_log(log, now)
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
        return self._publish(now, running)

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
        detection keeps them (the tracker's last heartbeat, and a restart that sees them)."""
        events = []
        for session in list(self._sessions):
            if session.windows_present or session.log_open(True):
                continue
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

    def _publish(self, now: datetime, running: frozenset[str] | None) -> list[SessionEvent]:
        events: list[SessionEvent] = []
        for session in list(self._sessions):
            app_running = running is None or session.app in running
            if session.log_open(app_running):
                session.last_alive = now
            snapshot = session.snapshot()
            if session.published is None:
                events.append(SessionEvent(EventKind.STARTED, snapshot, now))
            elif snapshot != session.published:
                events.append(SessionEvent(EventKind.UPDATED, snapshot, now))
            session.published = snapshot
            # A refused attempt ends at once (its window may linger with the error message);
            # anything else waits out the grace period, in case it reconnects.
            alive = session.windows_present or session.log_open(app_running)
            if session.refused or (not alive and now - session.last_alive >= self.grace):
                ended = self._end(session, now)
                if ended is not None:
                    events.append(ended)
        return events

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
