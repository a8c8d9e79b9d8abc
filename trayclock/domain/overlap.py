"""Overlap: when two pieces of work share time. The one definition for billing, the store's
overlap flag, the review window and the tray.

- Two spans *overlap* when their half-open intervals `[start, end)` share some time
  (`shares_time`); a span of zero length overlaps nothing.
- An overlap *matters for the concurrency policy* (the entry's `overlap` flag, the tray's
  notice) when the two belong to different customers, or either has none yet: an unattached
  session is most likely another customer (`for_different_customers`).
- Which entries take part at all: billable ones that are neither refused attempts nor
  discarded (`counts_for_overlap`).

A span may have *pauses*: stretches inside it that were not worked (sorted, not overlapping
each other, inside the span). Its worked time is then several pieces (`worked_pieces`), and
everything above is about worked time: two spans overlap when some moment is worked by both,
for as long as both were worked at once (`shared_length`). A span is not active inside its
own pause.

Times may be anything ordered and subtractable (datetimes, integer microseconds), as long as
one call uses one kind. Every function is a sweep over sorted boundaries: O(n log n), plus
the size of the output for `overlap_pairs`, never all pairs (pairs where a span has pauses
are checked piece by piece: O(pieces of the two)).
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, NamedTuple

from trayclock.domain.entry import Entry
from trayclock.domain.pauses import accepted_spans


class Span(NamedTuple):
    """What the sweeps need of a piece of work. `customer` None: not attached yet.

    `pauses`: (start, end) stretches not worked, sorted, not overlapping, inside start–end.
    A NamedTuple, not a dataclass: a month of a team's entries makes tens of thousands.
    """

    key: str
    start: Any
    end: Any
    customer: Hashable | None = None
    pauses: tuple[tuple[Any, Any], ...] = ()


def worked_pieces(span: Span) -> list[tuple[Any, Any]]:
    """The span's worked time as pieces in order: start–end less its pauses (touching pauses
    leave no piece between them)."""
    if not span.pauses:
        return [(span.start, span.end)] if span.start < span.end else []
    pieces = []
    reach = span.start
    for pause_start, pause_end in span.pauses:
        if reach < pause_start:
            pieces.append((reach, pause_start))
        reach = max(reach, pause_end)
    if reach < span.end:
        pieces.append((reach, span.end))
    return pieces


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


def _windows(order: list[Span]) -> Iterator[tuple[int, int]]:
    """For each span (in (start, key) order) the rank after the last span starting before it
    ends: the spans whose start–end overlaps it and that come after it are order[rank+1:stop]."""
    starts = [s.start for s in order]
    for rank, a in enumerate(order):
        yield rank, bisect.bisect_left(starts, a.end, rank + 1)


def count_span_pairs(spans: Iterable[Span]) -> int:
    """How many pairs of spans overlap start to end, pauses left aside: exactly the number of
    pairs `overlap_pairs` yields when no span has pauses, an upper bound otherwise. O(n log n)
    whatever the count, so a caller can refuse a quadratic output before producing it."""
    return sum(stop - rank - 1 for rank, stop in _windows(_ordered(spans)))


def overlap_pairs(spans: Iterable[Span]) -> Iterator[tuple[Span, Span]]:
    """Every pair whose worked times share time, `a` starting first (tie: smaller key), in
    (a, b) order.

    In (start, key) order, the spans overlapping `a` start to end that come after it are
    exactly the run of those starting before `a` ends: a contiguous window found by binary
    search, so the pairs come out already ordered and nothing but the output is enumerated
    (plus the pairs of that window that a pause keeps apart).
    """
    order = _ordered(spans)
    for rank, stop in _windows(order):
        a = order[rank]
        for b in islice(order, rank + 1, stop):
            if (a.pauses or b.pauses) and not _pieces_meet(a, b):
                continue
            yield a, b


def shared_length(a: Span, b: Span) -> Any:
    """How long two overlapping spans were worked at once (`a` starts first)."""
    if not a.pauses and not b.pauses:
        return min(a.end, b.end) - b.start
    total = b.start - b.start  # a zero of the times' own kind (0, timedelta(0))
    for low, high in _common_pieces(a, b):
        total += high - low
    return total


def _common_pieces(a: Span, b: Span) -> Iterator[tuple[Any, Any]]:
    """The stretches both spans were worked, in order (two sorted piece lists, merged)."""
    mine, theirs = worked_pieces(a), worked_pieces(b)
    i = j = 0
    while i < len(mine) and j < len(theirs):
        low = max(mine[i][0], theirs[j][0])
        high = min(mine[i][1], theirs[j][1])
        if low < high:
            yield low, high
        if mine[i][1] <= theirs[j][1]:
            i += 1
        else:
            j += 1


def _pieces_meet(a: Span, b: Span) -> bool:
    return next(_common_pieces(a, b), None) is not None


def _meet(a: Span, b: Span) -> bool:
    """Two spans whose start–end overlap also share worked time."""
    return not (a.pauses or b.pauses) or _pieces_meet(a, b)


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
        for piece_start, piece_end in worked_pieces(span):  # not active inside its pauses
            events.append((piece_start, 1, index))
            events.append((piece_end, 0, index))  # 0 < 1: at one moment, ends go before starts
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
                if span.key not in flagged:
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
    costs O(n log n), not one step per pair; the pair count stays exact.

    Spans running start to end at once share worked time unless a pause keeps them apart, so
    only pairs where one has pauses are checked piece by piece (each once, when the later of
    the two starts): the cost grows with the pairs that involve a paused span, not all pairs.
    """
    partners: dict[str, list[str]] = {}
    by_key: dict[str, Span] = {}  # the running spans
    ends: list[tuple[Any, str]] = []  # heap of (end, key) of the spans still running
    plain: dict[str, None] = {}  # running spans without pauses, earliest start first
    paused: dict[str, None] = {}  # running spans with pauses
    open_slots: dict[str, None] = {}  # running spans that name fewer than `limit` partners
    pairs = 0
    for span in _ordered(spans):
        while ends and ends[0][0] <= span.start:
            ended = heapq.heappop(ends)[1]
            plain.pop(ended, None)
            paused.pop(ended, None)
            open_slots.pop(ended, None)
            by_key.pop(ended, None)
        mine = partners.setdefault(span.key, [])
        met: set[str] = {key for key in paused if _meet(span, by_key[key])}
        if span.pauses:
            met.update(key for key in plain if _meet(span, by_key[key]))
            pairs += len(met)
        else:
            pairs += len(plain) + len(met)
            mine.extend(islice(plain, limit))
        mine.extend(islice((key for key in met if key not in mine), max(0, limit - len(mine))))
        for other in list(open_slots):
            if other in met or (not span.pauses and other in plain):
                theirs = partners[other]
                theirs.append(span.key)
                if len(theirs) >= limit:
                    del open_slots[other]
        (paused if span.pauses else plain)[span.key] = None
        by_key[span.key] = span
        if len(mine) < limit:
            open_slots[span.key] = None
        heapq.heappush(ends, (span.end, span.key))
    return {key: found for key, found in partners.items() if found}, pairs


def spans_of(entries: Sequence[Entry], open_until: Any) -> list[Span]:
    """The entries that count for overlaps as spans (a running one runs until `open_until`),
    with their accepted pauses."""
    return [
        Span(
            e.uuid,
            e.start,
            e.end if e.end is not None else max(open_until, e.start),
            e.customer_id,
            accepted_spans(e.pauses) if e.pauses else (),
        )
        for e in entries
        if counts_for_overlap(e)
    ]
