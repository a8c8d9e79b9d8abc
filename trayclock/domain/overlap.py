"""Overlap: when two pieces of work share time. The one definition for billing, the store's
overlap flag, the review window and the tray.

- Two spans *overlap* when their half-open intervals `[start, end)` share some time
  (`shares_time`); a span of zero length overlaps nothing.
- An overlap *matters for the concurrency policy* (the entry's `overlap` flag, the tray's
  notice) when the two belong to different customers, or either has none yet: an unattached
  session is most likely another customer (`for_different_customers`).
- Which entries take part at all: billable ones that are neither refused attempts nor
  discarded (`counts_for_overlap`).

Times may be anything ordered and subtractable (datetimes, integer microseconds), as long as
one call uses one kind. Every function is a sweep over sorted boundaries: O(n log n), plus
the size of the output for `overlap_pairs`, never all pairs.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, NamedTuple

from trayclock.domain.entry import Entry


class Span(NamedTuple):
    """What the sweeps need of a piece of work. `customer` None: not attached yet.

    A NamedTuple, not a dataclass: a month of a team's entries makes tens of thousands.
    """

    key: str
    start: Any
    end: Any
    customer: Hashable | None = None


def shares_time(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> bool:
    """Half-open intervals [start, end) share some time."""
    return bool(a_start < b_end and b_start < a_end and a_start < a_end and b_start < b_end)


def for_different_customers(a: Hashable | None, b: Hashable | None) -> bool:
    """An overlap of these two customers matters for the concurrency policy."""
    return a is None or b is None or a != b


def counts_for_overlap(entry: Entry) -> bool:
    """The entry takes part in overlaps: billable, not a refused attempt, not discarded."""
    return entry.billable and not entry.attempt and not entry.discarded


def _ordered(spans: Iterable[Span]) -> list[Span]:
    return sorted((s for s in spans if s.start < s.end), key=lambda s: (s.start, s.key))


def overlap_pairs(spans: Iterable[Span]) -> Iterator[tuple[Span, Span]]:
    """Every pair that shares time, `a` starting first (tie: smaller key), in (a, b) order.

    In (start, key) order, the spans overlapping `a` that come after it are exactly the run
    of those starting before `a` ends: a contiguous window found by binary search, so the
    pairs come out already ordered and nothing but the output is ever enumerated.
    """
    order = _ordered(spans)
    starts = [s.start for s in order]
    for rank, a in enumerate(order):
        stop = bisect.bisect_left(starts, a.end, rank + 1)
        for b in islice(order, rank + 1, stop):
            yield a, b


def shared_length(a: Span, b: Span) -> Any:
    """How long two overlapping spans run at once (`a` starts first)."""
    return min(a.end, b.end) - b.start


def flag_concurrent(spans: Iterable[Span]) -> set[str]:
    """Keys of the spans that share time with a span of another customer (or an unattached one).

    Between two boundaries the active set is constant; when it holds two or more customers
    (each unattached span counting as a customer of its own), every active span is flagged.
    Each span is flagged once, so the sweep stays O(n log n) even when thousands of entries
    all overlap each other (an import of a team's month).
    """
    events: list[tuple[Any, int, int]] = []
    order = _ordered(spans)
    for index, span in enumerate(order):
        events.append((span.start, 1, index))
        events.append((span.end, 0, index))  # 0 < 1: at one moment, ends go before starts
    events.sort()
    groups: Counter[Hashable] = Counter()
    waiting: set[int] = set()  # active and not flagged yet
    flagged: set[str] = set()
    position = 0
    while position < len(events):
        moment = events[position][0]
        while position < len(events) and events[position][0] == moment:
            _, starting, index = events[position]
            position += 1
            span = order[index]
            group = ("unattached", span.key) if span.customer is None else span.customer
            if starting:
                groups[group] += 1
                waiting.add(index)
            else:
                groups[group] -= 1
                if not groups[group]:
                    del groups[group]
                waiting.discard(index)
        if len(groups) >= 2 and waiting:
            flagged.update(order[i].key for i in waiting)
            waiting.clear()
    return flagged


def overlap_partners(spans: Iterable[Span], limit: int) -> tuple[dict[str, list[str]], int]:
    """Who shares time with whom (at most `limit` partners named per span), and how many
    pairs there are in all. Bounded per span, so a dense range (dozens of sessions at once)
    costs O(n log n), not one step per pair; the pair count stays exact."""
    partners: dict[str, list[str]] = {}
    ends: list[tuple[Any, str]] = []  # heap of (end, key) of the spans still running
    active: dict[str, None] = {}  # running spans, earliest start first
    open_slots: dict[str, None] = {}  # running spans that name fewer than `limit` partners
    pairs = 0
    for span in _ordered(spans):
        while ends and ends[0][0] <= span.start:
            ended = heapq.heappop(ends)[1]
            active.pop(ended, None)
            open_slots.pop(ended, None)
        pairs += len(active)
        mine = partners.setdefault(span.key, [])
        mine.extend(islice(active, limit))
        for other in list(open_slots):
            theirs = partners[other]
            theirs.append(span.key)
            if len(theirs) >= limit:
                del open_slots[other]
        active[span.key] = None
        if len(mine) < limit:
            open_slots[span.key] = None
        heapq.heappush(ends, (span.end, span.key))
    return {key: found for key, found in partners.items() if found}, pairs


def spans_of(entries: Sequence[Entry], open_until: Any) -> list[Span]:
    """The entries that count for overlaps as spans (a running one runs until `open_until`)."""
    return [
        Span(
            e.uuid, e.start, e.end if e.end is not None else max(open_until, e.start), e.customer_id
        )
        for e in entries
        if counts_for_overlap(e)
    ]
