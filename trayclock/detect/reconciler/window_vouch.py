"""The window-vouch rule: for some apps a long-gone window ends a session its log keeps open.

A log that lost its end lines would keep a session open for as long as the app runs, and
AnyDesk's service always runs. So for the apps in `WINDOW_VOUCHED_APPS` (one window per
session; AnyDesk) the window vouches for the log: a session that was seen with a window,
whose window (that window id, under any title) has been gone for `2 × grace` while the
window source works and no line of its log session came in that time, ends at its last
sign of life (the window's last sighting, or a later line) although its log still says open.
When detection stops (`Reconciler.finish`, the app quits) such a session ends at once: the
next run could not tell it from one still running.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from trayclock.detect.reconciler.sighting import LastLineAt
from trayclock.detect.reconciler.tracked import Tracked

# Apps whose every session has a window of its own, and whose process runs with no session
# (AnyDesk's service): their window vouches for their log. Not RustDesk or TeamViewer: their
# tabs show one session at a time, so a running session's window can be out of sight.
WINDOW_VOUCHED_APPS = frozenset({"anydesk"})
LOG_OUTLIVES_WINDOW_GRACES = 2  # window gone and log silent this many grace periods: ended

# (app, window id) of every session window the window source showed at the last poll;
# None: the window source is unavailable.
ShownWindows = set[tuple[str, int]] | None


@dataclass(frozen=True, slots=True)
class WindowVouch:
    """The rule (module docstring) for the apps in `apps`, with the reconciler's grace."""

    apps: frozenset[str]
    grace: timedelta

    def log_outlived_window(
        self,
        session: Tracked,
        now: datetime,
        shown: ShownWindows,
        last_line_at: LastLineAt | None,
        *,
        wait_graces: float = LOG_OUTLIVES_WINDOW_GRACES,
    ) -> datetime | None:
        """The last sign of life of a session whose window is long gone and log silent, when
        the rule ends it; None while it stands."""
        seen = session.window_last_seen
        if (
            shown is None  # no window source: the log is all there is
            or seen is None
            or session.windows_present
            or session.app not in self.apps
            or any(identity[:2] in shown for identity in session.windows)  # another tab?
        ):
            return None
        last = seen
        if last_line_at is not None:
            for key, log in session.logs.items():
                line = last_line_at(key) if log.end is None else None
                if line is not None:
                    last = max(last, min(line, now))
        if now - last < self.grace * wait_graces:
            return None
        return last
