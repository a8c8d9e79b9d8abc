"""One session being tracked: what its windows and log sessions say about it together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from trayclock.detect.reconciler.sighting import WindowIdentity
from trayclock.domain.session import Outcome, RemoteSession


@dataclass(eq=False)
class Tracked:
    """The merged knowledge of every signal that showed one session."""

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
