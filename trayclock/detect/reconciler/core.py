"""The Reconciler: one poll's window sightings, log sessions and running apps in, events out.

No I/O and no clock reads: every call gets `now`. One `Tracked` per session merges what each
signal knows (logs are taken first, then windows already known, then new windows); the rules
live beside this module: `holdback` (start-up), `matching`, `window_vouch`, `publishing`.
Reconnects within grace rejoin the same session.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from trayclock.detect.reconciler.holdback import PreviousRun, StartupHoldBack, Verdict
from trayclock.detect.reconciler.matching import already_counted, match_log, match_window
from trayclock.detect.reconciler.publishing import ended_event, publish
from trayclock.detect.reconciler.registry import SessionRegistry
from trayclock.detect.reconciler.sighting import LastLineAt, WindowIdentity, WindowSighting
from trayclock.detect.reconciler.tracked import Tracked
from trayclock.detect.reconciler.window_vouch import WINDOW_VOUCHED_APPS, ShownWindows, WindowVouch
from trayclock.domain.session import RemoteSession, SessionEvent

logger = logging.getLogger(__name__)

GRACE_S = 60.0  # RustDesk (and maybe others) drop and reconnect by themselves within this
MATCH_SLACK_S = 10.0  # clock skew and poll lag allowed when pairing a log session with a window


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
        self._registry = SessionRegistry()
        self._holdback = StartupHoldBack(previous_run, grace=self.grace, slack=self.slack)
        self._vouch = WindowVouch(window_vouched_apps, self.grace)
        self._suspended = False
        self._last_line_at: LastLineAt | None = None
        self._shown: ShownWindows = None  # (app, window id) seen at the last poll

    @property
    def suspended(self) -> bool:
        return self._suspended

    @property
    def tracking(self) -> bool:
        """True while any session is tracked (open, or waiting out its grace period): then
        time alone can change the verdict, and the caller must keep polling."""
        return bool(self._registry.sessions)

    def open_sessions(self) -> list[RemoteSession]:
        """The sessions published and not ended, as last published."""
        return self._registry.open_sessions()

    def log_keys_of(self, key: str) -> tuple[str, ...]:
        """The log sessions merged into session `key` (open or recently ended); () if none."""
        return self._registry.log_keys_of(key)

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
        registry = self._registry
        self._holdback.note_poll(now)
        self._last_line_at = last_line_at
        present = {s.identity: s for s in windows or ()}
        registry.retired_windows &= present.keys()
        if self._suspended:
            registry.retired_windows |= present.keys()
            for log in logs:
                registry.ignored_logs.add(log.key)
            return []
        for log in sorted(logs, key=lambda s: s.start):
            self._take_log(log, now)
        released = self._holdback.release(
            now,
            list(present.values()),
            windows_known=windows is not None,
            last_line_at=last_line_at,
        )
        for log in released:
            self._adopt(log, now)
        vanished = {i: t for i, t in registry.by_window.items() if i not in present}
        for identity in vanished:
            del registry.by_window[identity]
        for session in registry.sessions:
            session.windows_present = False
        # Windows already known first: a new window must see which sessions still have theirs.
        known = [s for i, s in present.items() if i in registry.by_window]
        new = [s for i, s in present.items() if i not in registry.by_window]
        for sighting in known + new:
            if sighting.identity not in registry.retired_windows:
                self._take_window(sighting, now, vanished)
        self._shown = {identity[:2] for identity in present} if windows is not None else None
        return publish(
            registry,
            now,
            running=running,
            shown=self._shown,
            vouch=self._vouch,
            last_line_at=last_line_at,
            grace=self.grace,
        )

    def suspend(self, now: datetime) -> list[SessionEvent]:
        """Pause: end every open session now; what is open or starts while paused is ignored."""
        registry = self._registry
        events = [self._end(t, now, paused=True) for t in list(registry.sessions)]
        registry.retired_windows |= registry.by_window.keys()
        registry.by_window.clear()
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
        for session in list(self._registry.sessions):
            if session.windows_present:
                continue
            if session.log_open(True):
                gone_at = self._vouch.log_outlived_window(
                    session, now, self._shown, self._last_line_at, wait_graces=0
                )
                if gone_at is None:
                    continue
                session.last_alive = gone_at
            ended = self._end(session, now)
            if ended is not None:
                events.append(ended)
        return events

    # --- logs -----------------------------------------------------------------------------

    def _take_log(self, log: RemoteSession, now: datetime) -> None:
        registry = self._registry
        if log.key in registry.ignored_logs:
            return
        owner = registry.by_log.get(log.key)
        if owner is not None:
            owner.logs[log.key] = log
            return
        if log.key in registry.ended_logs and log.end is not None:
            return  # the same finished session told again (e.g. re-read after rotation)
        verdict = self._holdback.judge(log, self._last_line_at)
        if verdict is Verdict.DROP:
            registry.ended_logs.add(log.key)
        elif verdict is Verdict.TAKE:
            self._adopt(log, now)

    def _adopt(self, log: RemoteSession, now: datetime) -> None:
        registry = self._registry
        owner = match_log(registry.sessions, log, now, grace=self.grace, slack=self.slack)
        if owner is None:
            if log.end is not None and self._already_counted(log):
                return
            owner = registry.new(log.app, registry.fresh_key(log.key), now)
            # A session the log reports as long over (read at start-up) needs no grace.
            owner.last_alive = min(log.end or now, now)
            logger.debug("session %s started from the log", owner.key)
        else:
            owner.last_alive = max(owner.last_alive, min(log.end or now, now))
        owner.logs[log.key] = log
        registry.by_log[log.key] = owner

    def _already_counted(self, log: RemoteSession) -> bool:
        covered = already_counted(self._registry.recently_ended, log, slack=self.slack)
        if covered is None:
            return False
        logger.info(
            "log session %s matches the ended session %s: not counted twice",
            log.key,
            covered.key,
        )
        self._registry.ended_logs.add(log.key)
        return True

    # --- windows --------------------------------------------------------------------------

    def _take_window(
        self, sighting: WindowSighting, now: datetime, vanished: dict[WindowIdentity, Tracked]
    ) -> None:
        registry = self._registry
        identity = sighting.identity
        owner = registry.by_window.get(identity)
        if owner is None:
            owner = match_window(registry.sessions, vanished, sighting, now, grace=self.grace)
            if owner is None:
                # The key links the session to its entry in the store for good, so it must
                # not repeat in the next run: X reuses window ids, and a restart within the
                # same second saw another window with this id take over the old entry.
                key = f"{sighting.app}-window-{now:%Y%m%dT%H%M%S.%f}Z-{sighting.handle:x}"
                owner = registry.new(sighting.app, registry.fresh_key(key), now)
                logger.debug("session %s started from window %r", owner.key, sighting.title)
            registry.by_window[identity] = owner
            owner.windows.add(identity)
        if owner.window_first_seen is None:
            owner.window_first_seen = now
        owner.window_last_seen = now
        owner.windows_present = True
        owner.last_alive = now
        owner.window_partner_id = sighting.partner_id or owner.window_partner_id
        owner.window_partner_name = sighting.partner_name or owner.window_partner_name

    # --- ending ---------------------------------------------------------------------------

    def _end(self, session: Tracked, now: datetime, *, paused: bool = False) -> SessionEvent | None:
        self._registry.retire(session, paused=paused)
        return ended_event(session, now, paused=paused)
