"""The line above the review's timeline: what is left to do in the shown days (no Qt).

`day_facts` decides what the banner says and whether Submit has anything to do;
`banner_html` puts the translated phrases (the window words them) into coloured markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import Enum

from trayclock.services.review.rows import DayView, RowStatus
from trayclock.ui.review.colours import ALERT, DONE, REVIEW


class DayStatus(Enum):
    EMPTY = "empty"  # no entries shown
    QUESTIONS = "questions"  # entries without a customer, awaiting approval, or still running
    READY = "ready"  # everything ended, attached and approved; some entries not submitted yet
    SUBMITTED = "submitted"  # every entry reviewed and queued


@dataclass(frozen=True, slots=True)
class DayFacts:
    """The counts the banner shows (discarded entries left out)."""

    status: DayStatus
    unattached: int  # entries without a customer (running ones too: they need one as well)
    waiting: int  # long sessions awaiting approval
    running: int  # sessions still running: nothing can be submitted until they end
    overlaps: int  # pairs of entries that share time
    open_entries: int  # ended entries not submitted yet: what Submit would hand on
    single_day: bool

    @property
    def can_submit(self) -> bool:
        return self.open_entries > 0


@dataclass(frozen=True, slots=True)
class BannerWords:
    """The banner's phrases, already translated for the counts in the facts."""

    unattached: str  # "%n session(s) without a customer"
    waiting: str  # "%n long session(s) to approve"
    running: str  # "%n session(s) still running"
    overlaps: str  # "%n overlap(s)"
    empty: str  # "No entries on this day." (or in this range)
    ready: str
    submitted: str


def day_facts(view: DayView) -> DayFacts:
    rows = [r for r in view.rows if not r.discarded]
    unattached = sum(1 for r in rows if r.unattached and not r.submitted)
    waiting = sum(1 for r in rows if r.status is RowStatus.NEEDS_REVIEW)
    running = sum(1 for r in rows if r.running)
    open_entries = sum(1 for r in rows if not r.submitted and not r.running)
    if not rows:
        status = DayStatus.EMPTY
    elif unattached or waiting or running:
        status = DayStatus.QUESTIONS
    elif open_entries:
        status = DayStatus.READY
    else:
        status = DayStatus.SUBMITTED
    return DayFacts(
        status=status,
        unattached=unattached,
        waiting=waiting,
        running=running,
        overlaps=view.overlap_pairs,
        open_entries=open_entries,
        single_day=view.first_day == view.last_day,
    )


def banner_html(facts: DayFacts, words: BannerWords) -> str:
    """The banner as Qt rich text: questions first, overlaps as a note after them."""
    if facts.status is DayStatus.EMPTY:
        return html.escape(words.empty)
    overlap_note = (
        f" · <span style='color:{ALERT}'>{html.escape(words.overlaps)}</span>"
        if facts.overlaps
        else ""
    )
    if facts.status is DayStatus.QUESTIONS:
        parts = []
        if facts.unattached:
            parts.append(
                f"<span style='color:{ALERT}'><b>{html.escape(words.unattached)}</b></span>"
            )
        if facts.waiting:
            parts.append(f"<span style='color:{REVIEW}'><b>{html.escape(words.waiting)}</b></span>")
        if facts.running:
            parts.append(f"<b>{html.escape(words.running)}</b>")
        return "⚠ " + " · ".join(parts) + overlap_note
    done = words.ready if facts.status is DayStatus.READY else words.submitted
    return f"<span style='color:{DONE}'><b>✓ {html.escape(done)}</b></span>{overlap_note}"


def problem_html(message: str) -> str:
    """A refused edit or a failed pricing, in place of the banner."""
    return f"<span style='color:{ALERT}'><b>{html.escape(message)}</b></span>"
