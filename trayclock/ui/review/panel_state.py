"""What the review's selection panel shows and allows for the selected rows (no Qt)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time, tzinfo

from trayclock.services.review.rows import ReviewRow, RowStatus

INVOICED = "invoiced"  # domain.entry.SyncState.INVOICED's value


@dataclass(frozen=True, slots=True)
class PanelState:
    """The panel for one selection: what it says and which of its actions apply."""

    count: int  # rows selected
    total_minutes: float
    single: ReviewRow | None  # the row, when exactly one is selected
    when: str  # the single row's local "HH:MM–HH:MM"; empty otherwise
    start: time | None  # the single row's local start and end, and its middle (where to split)
    end: time | None
    middle: time | None
    times_editable: bool  # one kept, ended entry: its times can be set and it can be split
    details_editable: bool  # one entry: its ticket and notes can be changed
    customer: str  # the customer every kept selected entry has; empty: none, or several
    can_attach: bool
    can_approve: bool
    can_toggle_billable: bool
    offers_non_billable: bool  # the billable action would make them non-billable
    can_merge: bool
    can_discard: bool
    can_restore: bool
    locked: bool = False  # an invoiced entry is selected: its billed fields cannot change


def panel_state(rows: Sequence[ReviewRow], zone: tzinfo | None) -> PanelState:
    """The panel for these selected rows, with times read in `zone` (None: this computer's)."""
    single = rows[0] if len(rows) == 1 else None
    when = ""
    start = end = middle = None
    if single is not None:
        local_start = single.start.astimezone(zone)
        local_end = single.end.astimezone(zone)
        when = f"{local_start:%H:%M}–{local_end:%H:%M}"  # 24-hour, as trayclock.ui.formats
        start = time(local_start.hour, local_start.minute)
        end = time(local_end.hour, local_end.minute)
        local_middle = local_start + (local_end - local_start) / 2
        middle = time(local_middle.hour, local_middle.minute)
    live = [r for r in rows if not r.discarded]
    names = {r.customer for r in live}
    shared = next(iter(names)) if len(names) == 1 else None
    # The backend invoiced it (store/outbox.BILLED_FIELDS): only its ticket and notes change.
    locked = any(r.sync_state == INVOICED for r in rows)
    free = not locked
    return PanelState(
        count=len(rows),
        total_minutes=sum(r.minutes for r in rows),
        single=single,
        when=when,
        start=start,
        end=end,
        middle=middle,
        times_editable=free and single is not None and not single.discarded and not single.running,
        details_editable=single is not None,
        customer=shared or "",
        can_attach=free and bool(live),
        can_approve=free and any(r.status is RowStatus.NEEDS_REVIEW for r in live),
        can_toggle_billable=free and bool(live),
        offers_non_billable=not live or all(r.billable for r in live),
        can_merge=free and len(live) >= 2,
        can_discard=free and bool(live),
        can_restore=free and any(r.discarded for r in rows),
        locked=locked,
    )
