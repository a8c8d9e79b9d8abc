"""TeamViewer's outgoing record: does `Connections.txt` grow after a session ends?

TeamViewer writes that file only while "log outgoing connections" is on. When a session
ended (its live log said so, or its window closed), the file should grow within
`OUTGOING_RECORD_WAIT_S`; when it does not, outgoing logging seems off and the UI says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from trayclock.detect.apps import teamviewer
from trayclock.domain.session import Outcome, RemoteSession

log = logging.getLogger(__name__)

# After a TeamViewer session ended, Connections.txt should grow within this time.
OUTGOING_RECORD_WAIT_S = 120.0


class OutgoingRecord(StrEnum):
    """States of TeamViewer's outgoing record (`Connections.txt`), for the UI."""

    NOT_EXPECTED = "not_expected"  # no such record on this platform / not a TeamViewer watcher
    MISSING = "missing"  # the file does not exist: "log outgoing connections" is probably off
    PRESENT = "present"
    STALE = "stale"  # a session ended but no record came: logging seems off


class OutgoingRecordWatch:
    """Which session ends still wait for their record, and what that says (one app's logs)."""

    def __init__(self, app: str, candidates: Sequence[Path]) -> None:
        self._watched = app == teamviewer.APP
        self._record_paths = [p for p in candidates if p.name == teamviewer.CONNECTIONS_FILE]
        self._expected: list[datetime] = []
        self._stale = False

    def expect(self, ended_at: datetime) -> None:
        """A session ended at `ended_at` (say, its window closed): the record should grow."""
        if self._watched:
            self._expected.append(ended_at)

    def saw_session(self, path: Path, session: RemoteSession, now: datetime) -> None:
        """A log file reported `session`: if the live log saw it end, its record should follow."""
        if (
            self._watched
            and session.outcome is Outcome.COMPLETED
            and path.name != teamviewer.CONNECTIONS_FILE
            and session.end is not None
            and now - session.end < timedelta(seconds=OUTGOING_RECORD_WAIT_S)
        ):
            self._expected.append(session.end)

    def record_grew(self) -> None:
        """Connections.txt gained a session: every end so far has its record."""
        self._expected.clear()
        self._stale = False

    def check(self, now: datetime) -> None:
        """At each poll: an end that waited too long for its record makes the record stale."""
        wait = timedelta(seconds=OUTGOING_RECORD_WAIT_S)
        if any(now - ended >= wait for ended in self._expected):
            if not self._stale:
                log.warning(
                    "TeamViewer session ended but Connections.txt did not grow: "
                    "outgoing connection logging seems off"
                )
            self._stale = True
            self._expected.clear()

    def state(self, exists: Callable[[Path], bool]) -> OutgoingRecord:
        """The record's state; `exists(path)`: whether that file is there (as last read)."""
        if not self._watched or not self._record_paths:
            return OutgoingRecord.NOT_EXPECTED
        if not any(exists(p) for p in self._record_paths):
            return OutgoingRecord.MISSING
        return OutgoingRecord.STALE if self._stale else OutgoingRecord.PRESENT
