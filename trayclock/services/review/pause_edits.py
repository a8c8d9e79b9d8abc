"""The review window's pause edits (no Qt): add a pause from–to, remove one, turn one into a
split, answer an idle suggestion, and join pieces of one call — each through
`trayclock.services.pauses` (one audited store change, "technician (review)" decided), then
announced on the source's events so the tray follows.

Like `edits.py`, each returns the entries to select once the day is shown again, or None
when there was nothing to change; a refused change raises the store's StoreError, whose
message the window shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta, tzinfo

from trayclock.services.pauses import Answer, Pauses, Suggestion
from trayclock.services.review.edits import Selection, moment_on_day
from trayclock.services.review.rows import ReviewRow
from trayclock.services.review.source import ReviewSource

REVIEW_DECIDER = "technician (review)"  # who decided, in the audit trail
_MINUTE = timedelta(minutes=1)


def can_join(rows: Sequence[ReviewRow]) -> bool:
    """Whether these rows are pieces of one call: two or more kept entries of the same app,
    partner and customer (or none yet) — what "Join as one call" is offered for."""
    live = [r for r in rows if not r.discarded]
    if len(live) < 2 or len(live) != len(rows):
        return False
    first = live[0]
    return all(
        (r.app, r.partner, r.customer_id) == (first.app, first.partner, first.customer_id)
        for r in live
    )


def moment_in(row: ReviewRow, zone: tzinfo, at: time) -> datetime:
    """The wall time `at` (minutes, as the time boxes show it) within the row's span: on the
    day the row starts, or the next one for a row past midnight. A minute that holds the
    row's start or end (a detected session starts at 09:00:40) means that moment itself."""
    moment = moment_on_day(row, zone, at)
    if moment + _MINUTE <= row.start and _crosses_midnight(row, zone):
        moment += timedelta(days=1)  # 23:30–00:40: 00:10 is on the next day
    if moment < row.start < moment + _MINUTE:
        return row.start
    if moment < row.end < moment + _MINUTE:
        return row.end
    return moment


def _crosses_midnight(row: ReviewRow, zone: tzinfo) -> bool:
    return row.end.astimezone(zone).date() > row.start.astimezone(zone).date()


class PauseEdits:
    """The pause edits the review window offers, over its ReviewSource's store."""

    def __init__(self, source: ReviewSource) -> None:
        self.source = source
        self.pauses = Pauses(source.conn, source.clock)

    def suggestions(self) -> list[Suggestion]:
        """Every unanswered idle suggestion, oldest first (the window lists them all)."""
        return self.pauses.suggestions()

    def add(
        self, rows: Sequence[ReviewRow], zone: tzinfo, start: time, end: time
    ) -> Selection | None:
        """A pause from–to (local wall times) in the one selected entry."""
        if len(rows) != 1:
            return None
        row = rows[0]
        begin, finish = moment_in(row, zone, start), moment_in(row, zone, end)
        if finish < begin and _crosses_midnight(row, zone):
            finish += timedelta(days=1)  # 23:50–00:10 in a call past midnight
        self.pauses.add(row.id, begin, finish, by=REVIEW_DECIDER)
        return self._changed([row.id])

    def remove(self, entry_id: str, pause_id: int) -> Selection:
        self.pauses.remove(pause_id, by=REVIEW_DECIDER)
        return self._changed([entry_id])

    def split(self, pause_id: int) -> Selection:
        """The pause becomes the gap between two entries; both are selected."""
        first, second = self.pauses.split(pause_id, by=REVIEW_DECIDER)
        self.source.forget()  # an entry starts at another moment now
        return self._changed([first.uuid, second.uuid])

    def answer(self, entry_id: str, pause_id: int, answer: Answer) -> Selection:
        """Keep, pause or split at a suggestion (one click in the window)."""
        if answer is Answer.SPLIT:
            return self.split(pause_id)
        self.pauses.answer(pause_id, answer, by=REVIEW_DECIDER)
        return self._changed([entry_id])

    def join(self, rows: Sequence[ReviewRow]) -> Selection | None:
        """Join the selected pieces into one entry, the time between them paused."""
        if not can_join(rows):
            return None
        kept = self.pauses.join([r.id for r in rows], by=REVIEW_DECIDER)
        self.source.forget()
        return self._changed([kept.uuid])

    def _changed(self, select: Selection) -> Selection:
        self.source.events.data_changed(self.source)
        return select
