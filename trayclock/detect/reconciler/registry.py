"""Who is tracked: the open sessions, their indices by log key and window, and what has ended.

Memory stays flat all day: the ended, ignored and used keys are bounded sets that forget
their oldest members.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from datetime import datetime

from trayclock.detect.reconciler.sighting import WindowIdentity
from trayclock.detect.reconciler.tracked import Tracked
from trayclock.domain.session import RemoteSession

_REMEMBERED_KEYS = 10_000  # ended/ignored log keys kept to recognise repeats; oldest forgotten
_RECENTLY_ENDED = 64  # ended sessions a late log line may still belong to


class BoundedSet:
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


class SessionRegistry:
    """The tracked sessions and the bookkeeping around their start and end."""

    def __init__(self) -> None:
        self.sessions: list[Tracked] = []
        self.by_log: dict[str, Tracked] = {}
        self.by_window: dict[WindowIdentity, Tracked] = {}
        self.ended_logs = BoundedSet()  # log keys of ended sessions: a repeat is no news
        self.ignored_logs = BoundedSet()  # seen while paused: never tracked
        self.retired_windows: set[WindowIdentity] = set()  # ignored until they close
        self.recently_ended: deque[Tracked] = deque(maxlen=_RECENTLY_ENDED)
        self._used_keys = BoundedSet()

    def open_sessions(self) -> list[RemoteSession]:
        """The sessions published and not ended, as last published."""
        return [t.published for t in self.sessions if t.published is not None]

    def log_keys_of(self, key: str) -> tuple[str, ...]:
        """The log sessions merged into session `key` (open or recently ended); () if none."""
        for session in (*self.sessions, *self.recently_ended):
            if session.key == key:
                return tuple(session.logs)
        return ()

    def fresh_key(self, base: str) -> str:
        """`base`, or `base#2`, `#3` … when an earlier session of this run had it."""
        key, n = base, 1
        while key in self._used_keys:
            n += 1
            key = f"{base}#{n}"
        self._used_keys.add(key)
        return key

    def new(self, app: str, key: str, now: datetime) -> Tracked:
        session = Tracked(key=key, app=app, created=now, last_alive=now)
        self.sessions.append(session)
        return session

    def retire(self, session: Tracked, *, paused: bool = False) -> None:
        """Stop tracking `session`: its log keys and windows no longer start or feed one."""
        self.sessions.remove(session)
        self.recently_ended.append(session)
        for log_key in session.logs:
            self.by_log.pop(log_key, None)
            self.ended_logs.add(log_key)
            if paused:
                self.ignored_logs.add(log_key)  # its later lines must not revive it
        for identity in session.windows:
            if self.by_window.get(identity) is session:
                del self.by_window[identity]
                self.retired_windows.add(identity)  # a lingering window is not a new session
