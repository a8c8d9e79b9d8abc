"""The review's edits: the selected rows and what the tech typed, as one store change each (no Qt).

Each edit returns the entries to select once the day is shown again, or None when there was
nothing to change (then the window does not reload). A refused change raises what the
source raises (StoreError, ValueError); the window shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from trayclock.services.review.rows import DayView, ReviewRow, RowStatus
from trayclock.services.review.source import ReviewSource

Selection = list[str]  # entry ids, in the order to select them


@dataclass(frozen=True, slots=True)
class SubmitPlan:
    """What "Submit" does with the shown days."""

    ready: tuple[str, ...]  # marked reviewed and queued for sync
    waiting: int  # long sessions to approve: left open with a conscious yes
    # Kept entries still running or without a customer: nothing is submitted while there are
    # any (a running session would change the submitted day under it; an entry without a
    # customer cannot be billed to anyone). The window lists them.
    blocked: tuple[ReviewRow, ...] = ()


def submit_plan(view: DayView) -> SubmitPlan:
    """Ended, kept, not yet submitted entries: ready unless something is still to decide."""
    kept = [r for r in view.rows if not r.discarded]
    blocked = tuple(r for r in kept if r.running or (r.unattached and not r.submitted))
    rows = [r for r in kept if not r.running and not r.submitted and not r.unattached]
    needs_approval = [r for r in rows if r.status is RowStatus.NEEDS_REVIEW]
    return SubmitPlan(
        ready=tuple(r.id for r in rows if r.status is not RowStatus.NEEDS_REVIEW),
        waiting=len(needs_approval),
        blocked=blocked,
    )


def moment_on_day(row: ReviewRow, zone: tzinfo, at: time) -> datetime:
    """The wall time `at` in `zone` on the day the row starts there."""
    day = row.start.astimezone(zone).date()
    return datetime(day.year, day.month, day.day, at.hour, at.minute, tzinfo=zone)


def _single(rows: Sequence[ReviewRow]) -> ReviewRow | None:
    return rows[0] if len(rows) == 1 else None


def _live_ids(rows: Sequence[ReviewRow]) -> Selection:
    return [r.id for r in rows if not r.discarded]


class ReviewEdits:
    """The edits the review window offers, over its ReviewSource."""

    def __init__(self, source: ReviewSource) -> None:
        self.source = source

    def attach(self, rows: Sequence[ReviewRow], name: str) -> Selection | None:
        """Attach every kept selected entry to the customer called `name` (made if new)."""
        name = name.strip()
        ids = _live_ids(rows)
        if not name or not ids:
            return None
        changes = {"customer_id": self.source.customer_id_for(name)}
        self.source.edit(ids, changes, "review: customer")
        return ids

    def edit_in_place(
        self, entry_id: str, field: str, value: object, selected: Selection
    ) -> Selection:
        """One cell edited in the table; the selection stays (or becomes that entry)."""
        if field == "customer":
            customer_id = None if value is None else self.source.customer_id_for(str(value))
            self.source.edit([entry_id], {"customer_id": customer_id}, "review: customer")
        elif field == "ticket":
            self.source.edit([entry_id], {"ticket": str(value) or None}, "review: ticket")
        elif field == "notes":
            self.source.edit([entry_id], {"notes": str(value)}, "review: notes")
        elif field == "billable":
            self.source.edit([entry_id], {"billable": bool(value)}, "review: billable")
        return list(selected or [entry_id])

    def set_times(
        self, rows: Sequence[ReviewRow], zone: tzinfo, start: time, end: time
    ) -> Selection | None:
        """New local start and end for one entry; an end at or before the start is next day's."""
        row = _single(rows)
        if row is None:
            return None
        start_at = moment_on_day(row, zone, start)
        end_at = moment_on_day(row, zone, end)
        if end_at <= start_at:
            end_at += timedelta(days=1)  # 23:30–00:15 runs past midnight
        self.source.edit([row.id], {"start": start_at, "end": end_at}, "review: times")
        return [row.id]

    def split(self, rows: Sequence[ReviewRow], zone: tzinfo, at: time) -> Selection | None:
        """Cut one entry in two at the local time `at`; both halves are selected."""
        row = _single(rows)
        if row is None:
            return None
        return list(self.source.split(row.id, moment_on_day(row, zone, at)))

    def merge(self, rows: Sequence[ReviewRow]) -> Selection | None:
        """Fold the kept selected entries into the earliest one."""
        ids = _live_ids(rows)
        if len(ids) < 2:
            return None
        return [self.source.merge(ids)]

    def toggle_billable(self, rows: Sequence[ReviewRow]) -> Selection | None:
        """All billable: make them non-billable; otherwise make them all billable."""
        live = [r for r in rows if not r.discarded]
        if not live:
            return None
        billable = not all(r.billable for r in live)
        ids = [r.id for r in live]
        self.source.edit(ids, {"billable": billable}, "review: billable")
        return ids

    def discard(self, rows: Sequence[ReviewRow], *, still_shown: bool) -> Selection | None:
        """Hide the kept selected entries from billing; they stay selected if still shown."""
        ids = _live_ids(rows)
        if not ids:
            return None
        self.source.discard(ids)
        return ids if still_shown else []

    def restore(self, rows: Sequence[ReviewRow]) -> Selection | None:
        ids = [r.id for r in rows if r.discarded]
        if not ids:
            return None
        self.source.restore(ids)
        return ids

    def approve(self, rows: Sequence[ReviewRow]) -> Selection | None:
        """Approve the selected long sessions, so they are billed."""
        ids = [r.id for r in rows if r.status is RowStatus.NEEDS_REVIEW]
        if not ids:
            return None
        self.source.approve(ids)
        return ids

    def save_details(self, rows: Sequence[ReviewRow], ticket: str, notes: str) -> Selection | None:
        """One entry's ticket (blank: none) and notes, as typed."""
        row = _single(rows)
        if row is None:
            return None
        changes = {"ticket": ticket.strip() or None, "notes": notes.strip()}
        self.source.edit([row.id], changes, "review: notes")
        return [row.id]

    def submit(self, plan: SubmitPlan) -> int:
        """Mark the plan's ready entries reviewed and queue them; how many were."""
        return self.source.submit(list(plan.ready))
