"""An entry's pauses: stretches inside it that were not worked, and idle stretches suggested
to the technician (the rules every writer and the pricing path share; pure).

A pause has a state: `accepted` is a real pause (billing-rules.md `pauses`: not billed),
`suggested` is proposed (idle time) and bills as worked time until someone accepts it,
`rejected` is a suggestion turned down, kept so the same stretch is never asked again. And
an origin: who or what made it (the computer slept, trayclock was down, the wall clock
jumped, no input, the technician, an import).

The rules, as the engine's (`BillingEntry`) for accepted pauses and for every *live* one
(accepted or suggested): each lies inside its entry (a running entry: after its start) and
ends after it starts; live pauses do not overlap each other (touching is fine); the
accepted ones leave some worked time once the entry has ended. Rejected ones are history
and may lie anywhere inside the entry.

When an entry's start or end moves, its pauses are trimmed to the new span (`fit`): the
part outside is time the entry no longer has, so trimming it changes no worked minute.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

# Stands for "no end yet" (a running entry) in span arithmetic.
OPEN_END = datetime.max.replace(tzinfo=UTC)
_NOTHING = timedelta(0)


class PauseState(StrEnum):
    ACCEPTED = "accepted"  # a real pause: not billed
    SUGGESTED = "suggested"  # proposed (idle): billed as worked until accepted
    REJECTED = "rejected"  # a suggestion turned down: kept so it is not suggested again


class PauseOrigin(StrEnum):
    """Who or what made the pause."""

    SLEEP = "sleep"  # the computer slept during the session (the tracker)
    CLOCK = "clock"  # the wall clock jumped forward without a sleep (the tracker)
    RESTART = "restart"  # trayclock was not running (killed or crashed; maybe asleep too)
    IDLE = "idle"  # no keyboard or mouse input (always suggested first)
    TECH = "tech"  # added, or made by joining two pieces, by the technician
    IMPORT = "import"  # from an imported file


# Interruptions of trayclock's own watch: a session whose end is reported within the grace
# period after one of these did not come back (see `ending_pause`).
INTERRUPTIONS = frozenset({PauseOrigin.SLEEP, PauseOrigin.CLOCK, PauseOrigin.RESTART})


@dataclass(frozen=True, slots=True)
class EntryPause:
    """One pause of an entry. `id` is the store's row id (None until stored); it takes no
    part in comparisons: two pauses are the same when their values are."""

    start: datetime
    end: datetime
    state: PauseState = PauseState.ACCEPTED
    origin: PauseOrigin = PauseOrigin.TECH
    id: int | None = field(default=None, compare=False)

    @property
    def accepted(self) -> bool:
        return self.state is PauseState.ACCEPTED

    @property
    def live(self) -> bool:
        """Accepted or suggested: takes part in the no-overlap rule."""
        return self.state is not PauseState.REJECTED

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def with_state(self, state: PauseState) -> EntryPause:
        return EntryPause(self.start, self.end, state, self.origin, self.id)

    def spanning(self, start: datetime, end: datetime) -> EntryPause:
        return EntryPause(start, end, self.state, self.origin, self.id)


def _order(pause: EntryPause) -> tuple[datetime, datetime, str, str]:
    return (pause.start, pause.end, pause.state, pause.origin)


def normalised(pauses: Iterable[EntryPause]) -> tuple[EntryPause, ...]:
    """The pauses in their one order (start, end, state, origin): equal sets compare equal."""
    return tuple(sorted(pauses, key=_order))


def fit(
    pauses: Sequence[EntryPause], start: datetime, end: datetime | None
) -> tuple[EntryPause, ...]:
    """The pauses trimmed to [start, end] (a running entry: to after `start`); a pause left
    with no length is dropped. Unchanged pauses are returned as they are."""
    until = OPEN_END if end is None else end
    kept = []
    for pause in pauses:
        low, high = max(pause.start, start), min(pause.end, until)
        if low >= high:
            continue
        kept.append(pause if (low, high) == (pause.start, pause.end) else pause.spanning(low, high))
    return normalised(kept)


def accepted_spans(pauses: Iterable[EntryPause]) -> tuple[tuple[datetime, datetime], ...]:
    """The accepted pauses as (start, end) pairs, in order: what the engine is given."""
    return tuple((p.start, p.end) for p in pauses if p.accepted)


def paused(pauses: Iterable[EntryPause], until: datetime | None = None) -> timedelta:
    """How long the accepted pauses last (up to `until`, for a running entry)."""
    total = _NOTHING
    for pause in pauses:
        if pause.accepted:
            end = pause.end if until is None else min(pause.end, until)
            total += max(_NOTHING, end - pause.start)
    return total


def problems(start: datetime, end: datetime | None, pauses: Sequence[EntryPause]) -> list[str]:
    """What is wrong with these pauses of an entry [start, end] (empty: nothing)."""
    found = []
    reach: EntryPause | None = None  # the live pause reaching furthest so far
    for pause in sorted(pauses, key=_order):
        where = f"pause {_text(pause)}"
        if pause.end <= pause.start:
            found.append(f"{where}: must end after it starts")
            continue
        if pause.start < start or (end is not None and pause.end > end):
            found.append(f"{where}: must lie inside the entry")
            continue
        if not pause.live:
            continue
        if reach is not None and pause.start < reach.end:
            found.append(f"{where}: overlaps pause {_text(reach)}")
        if reach is None or pause.end > reach.end:
            reach = pause
    if end is not None and not found and end > start and paused(pauses) >= end - start:
        found.append("the pauses leave no worked time")
    return found


def leaves_worked_time(start: datetime, end: datetime | None, pauses: Iterable[EntryPause]) -> bool:
    """Some of [start, end] is not inside an accepted pause (a running entry: always)."""
    return end is None or paused(pauses) < end - start


def _text(pause: EntryPause) -> str:
    return f"{pause.start.isoformat()}–{pause.end.isoformat()}"


def ending_pause(
    pauses: Sequence[EntryPause], end: datetime, grace: timedelta | None = None
) -> EntryPause | None:
    """The accepted pause an entry ending at `end` really ended in, or None.

    An end inside an accepted pause means the work ended when the pause began (a trailing
    pause is no work). With `grace` (an end detection reported), after an interruption of
    trayclock's watch (a sleep, a restart, a clock jump) an end from the pause's start to
    `grace` after its end counts too: the session did not come back after waking (its
    close was logged as the computer woke up, or last seen just before it slept).
    """
    for pause in pauses:
        if not pause.accepted:
            continue
        if grace is not None and pause.origin in INTERRUPTIONS:
            if pause.start <= end <= pause.end + grace:
                return pause
        elif pause.start < end <= pause.end:
            return pause
    return None


def subtract(
    span: tuple[datetime, datetime], others: Iterable[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """The parts of `span` no stretch of `others` covers, in order."""
    pieces = []
    reach = span[0]
    for low, high in sorted(others):
        if high <= reach or low >= span[1]:
            continue
        if low > reach:
            pieces.append((reach, low))
        reach = max(reach, high)
    if reach < span[1]:
        pieces.append((reach, span[1]))
    return pieces


def adding(pauses: Sequence[EntryPause], new: EntryPause) -> tuple[EntryPause, ...]:
    """The pauses with `new` added where it fits the rules.

    An accepted one (a sleep is a fact) takes the parts no accepted pause covers yet, and
    suggestions under it are trimmed away. A suggestion takes the parts no pause of any
    state covers (a stretch turned down is never suggested again)."""
    span = (new.start, new.end)
    if new.accepted:
        parts = subtract(span, accepted_spans(pauses))
        kept = [p for p in pauses if p.state is not PauseState.SUGGESTED]
        for suggestion in (p for p in pauses if p.state is PauseState.SUGGESTED):
            kept += [suggestion.spanning(*piece) for piece in subtract(_span(suggestion), parts)]
    else:
        parts = subtract(span, [_span(p) for p in pauses])
        kept = list(pauses)
    return normalised([*kept, *(new.spanning(*piece) for piece in parts)])


def _span(pause: EntryPause) -> tuple[datetime, datetime]:
    return (pause.start, pause.end)


def _union(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for low, high in sorted(s for s in spans if s[0] < s[1]):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _worked(
    start: datetime, end: datetime | None, pauses: Iterable[EntryPause]
) -> list[tuple[datetime, datetime]]:
    return subtract((start, OPEN_END if end is None else end), accepted_spans(pauses))


def _origin_of(
    piece: tuple[datetime, datetime], sources: Sequence[EntryPause], default: PauseOrigin
) -> PauseOrigin:
    for pause in sources:
        if pause.start < piece[1] and piece[0] < pause.end:
            return pause.origin
    return default


def combined(
    spans: Sequence[tuple[datetime, datetime | None, Sequence[EntryPause]]],
    *,
    join: bool,
    origin: PauseOrigin = PauseOrigin.TECH,
) -> tuple[EntryPause, ...]:
    """The pauses of one entry made of several `(start, end, pauses)`.

    Accepted: the time inside them that none of them worked (an accepted pause of one that
    another worked through is worked time). With `join`, the gaps between them are pauses
    too (origin `origin`): two pieces of one call joined into one entry with a pause
    between; without it (a merge) the gaps become worked time, as the merged span covers
    them. Suggestions are kept where no accepted pause now lies; rejected ones are dropped
    (they stay with the pieces they were made on).
    """
    worked = _union(piece for s, e, ps in spans for piece in _worked(s, e, ps))
    covered = _union((s, OPEN_END if e is None else e) for s, e, _ in spans)
    if join:
        covered = [(covered[0][0], covered[-1][1])] if covered else []
    every = [p for _, _, ps in spans for p in ps]
    accepted_from = [p for p in every if p.accepted]
    result = [
        EntryPause(low, high, PauseState.ACCEPTED, _origin_of((low, high), accepted_from, origin))
        for part in covered
        for low, high in subtract(part, worked)
        if high != OPEN_END
    ]
    taken = [(p.start, p.end) for p in result]
    suggested = [p for p in every if p.state is PauseState.SUGGESTED]
    result += [
        EntryPause(
            low, high, PauseState.SUGGESTED, _origin_of((low, high), suggested, PauseOrigin.IDLE)
        )
        for low, high in _union((p.start, p.end) for p in suggested)
        for low, high in subtract((low, high), taken)
    ]
    return normalised(result)


def split_at(
    pauses: Sequence[EntryPause], at: datetime
) -> tuple[tuple[EntryPause, ...], tuple[EntryPause, ...]]:
    """The pauses of the two halves of an entry cut at `at` (a pause across it is cut too)."""
    return fit(pauses, datetime.min.replace(tzinfo=UTC), at), fit(pauses, at, None)
