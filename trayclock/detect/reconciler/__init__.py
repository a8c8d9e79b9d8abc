"""The pure core of detection: window sightings, log sessions and process presence in, events out.

No I/O and no clock reads: every call gets `now`. The package, one rule per module:

    core.py          Reconciler: observe / suspend / resume / finish, the order of a poll
    sighting.py      WindowSighting and the other inputs besides log sessions
    tracked.py       Tracked: what the signals say together about one session
    registry.py      the tracked sessions, their indices, ended and used keys
    matching.py      which session a new log session or window belongs to
    holdback.py      PreviousRun, start-up hold-back of old open log sessions
    window_vouch.py  a long-gone window ends an AnyDesk session its log keeps open
    publishing.py    STARTED / UPDATED / ENDED, grace, already-ended sessions
"""

from __future__ import annotations

from trayclock.detect.reconciler.core import GRACE_S, MATCH_SLACK_S, Reconciler
from trayclock.detect.reconciler.holdback import PreviousRun
from trayclock.detect.reconciler.sighting import LastLineAt, WindowIdentity, WindowSighting
from trayclock.detect.reconciler.window_vouch import (
    LOG_OUTLIVES_WINDOW_GRACES,
    WINDOW_VOUCHED_APPS,
)

__all__ = [
    "GRACE_S",
    "LOG_OUTLIVES_WINDOW_GRACES",
    "MATCH_SLACK_S",
    "WINDOW_VOUCHED_APPS",
    "LastLineAt",
    "PreviousRun",
    "Reconciler",
    "WindowIdentity",
    "WindowSighting",
]
