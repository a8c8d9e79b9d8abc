"""The pause rules (trayclock/domain/pauses.py) and how an entry closes around its pauses
(trayclock/domain/entry.py `closing`, `merging`): pure, no store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from trayclock.domain.entry import EndReason, Entry, closing, merging
from trayclock.domain.pauses import (
    EntryPause,
    PauseOrigin,
    PauseState,
    adding,
    combined,
    ending_pause,
    fit,
    paused,
    problems,
    split_at,
)

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
GRACE = timedelta(seconds=60)


def at(minutes: float) -> datetime:
    return T0 + minutes * MIN


def p(
    start: float,
    end: float,
    state: PauseState = PauseState.ACCEPTED,
    origin: PauseOrigin = PauseOrigin.TECH,
) -> EntryPause:
    return EntryPause(at(start), at(end), state, origin)


def entry(end: float | None, *pauses: EntryPause, heartbeat: float | None = None) -> Entry:
    return Entry(
        uuid="e",
        source="anydesk",
        start=T0,
        end=None if end is None else at(end),
        heartbeat=at(heartbeat if heartbeat is not None else end or 0),
        pauses=pauses,
    )


def test_the_rules_name_what_is_wrong() -> None:
    assert problems(T0, at(60), [p(10, 20), p(20, 30)]) == []  # touching is fine
    assert problems(T0, None, [p(10, 20), p(50, 90)]) == []  # a running entry: after its start
    assert "inside the entry" in problems(T0, at(60), [p(-5, 10)])[0]
    assert "inside the entry" in problems(T0, at(60), [p(50, 70)])[0]
    assert "end after it starts" in problems(T0, at(60), [p(20, 20)])[0]
    assert "overlaps" in problems(T0, at(60), [p(10, 30), p(20, 40)])[0]
    assert problems(T0, at(60), [p(0, 60)]) == ["the pauses leave no worked time"]
    # A rejected suggestion is history: it may lie over anything inside the entry.
    rejected = p(15, 25, PauseState.REJECTED, PauseOrigin.IDLE)
    assert problems(T0, at(60), [p(10, 30), rejected]) == []
    # A suggestion is no pause yet: it does not count against the worked time.
    assert problems(T0, at(60), [p(0, 60, PauseState.SUGGESTED, PauseOrigin.IDLE)]) == []


def test_a_new_span_trims_the_pauses_and_drops_what_falls_outside() -> None:
    kept = p(10, 20)
    assert fit([kept, p(30, 50), p(55, 60)], T0, at(40)) == (kept, p(30, 40))
    assert fit([p(0, 10), kept], at(15), None) == (p(15, 20),)
    assert fit([kept], T0, at(60))[0] is kept  # unchanged pauses are the same objects


bounds = st.integers(min_value=0, max_value=120)


@given(
    cuts=st.lists(bounds, min_size=0, max_size=10, unique=True),
    span=st.tuples(bounds, bounds),
)
def test_trimming_keeps_exactly_the_paused_time_inside_the_new_span(
    cuts: list[int], span: tuple[int, int]
) -> None:
    edges = sorted(cuts)
    pauses = [p(a, b) for a, b in zip(edges[::2], edges[1::2], strict=False)]
    start, end = at(min(span)), at(max(span))
    trimmed = fit(pauses, start, end)
    assert all(start <= q.start < q.end <= end for q in trimmed)
    inside = sum(
        (max(timedelta(0), min(q.end, end) - max(q.start, start)) for q in pauses), timedelta(0)
    )
    assert paused(trimmed) == inside


def test_an_accepted_pause_takes_what_is_free_and_a_suggestion_never_covers_an_answer() -> None:
    idle = p(5, 25, PauseState.SUGGESTED, PauseOrigin.IDLE)
    slept = adding([p(30, 40), idle], p(20, 45, origin=PauseOrigin.SLEEP))
    assert slept == (
        p(5, 20, PauseState.SUGGESTED, PauseOrigin.IDLE),
        p(20, 30, origin=PauseOrigin.SLEEP),
        p(30, 40),
        p(40, 45, origin=PauseOrigin.SLEEP),
    )
    turned_down = p(50, 60, PauseState.REJECTED, PauseOrigin.IDLE)
    asked = adding([turned_down], p(45, 70, PauseState.SUGGESTED, PauseOrigin.IDLE))
    assert asked == (
        p(45, 50, PauseState.SUGGESTED, PauseOrigin.IDLE),
        turned_down,
        p(60, 70, PauseState.SUGGESTED, PauseOrigin.IDLE),
    )


def test_an_end_inside_a_pause_or_just_after_a_sleep_ends_where_the_pause_began() -> None:
    slept = p(20, 50, origin=PauseOrigin.SLEEP)
    assert ending_pause([slept], at(35)) == slept
    assert ending_pause([slept], at(50.5)) is None  # after its end: came back, without grace
    assert ending_pause([slept], at(50.5), GRACE) == slept  # reported just after waking
    assert ending_pause([slept], at(20), GRACE) == slept  # last seen just before it slept
    assert ending_pause([slept], at(52), GRACE) is None
    tech = p(20, 50)
    assert ending_pause([tech], at(50.5), GRACE) is None  # grace is for interruptions only

    running = entry(None, p(10, 20, origin=PauseOrigin.SLEEP), slept, heartbeat=55)
    gone = closing(running, at(50.5), EndReason.ENDED, after_interruption=GRACE)
    # Two touching pauses trail the work: it ended when the first began.
    assert (gone["end"], gone["end_reason"], gone["heartbeat"]) == (
        at(10),
        EndReason.SLEPT,
        at(55),
    )
    assert gone["pauses"] == ()
    stayed = closing(running, at(58), EndReason.ENDED, after_interruption=GRACE)
    assert stayed["end"] == at(58) and stayed["end_reason"] is EndReason.ENDED
    assert "pauses" not in stayed
    stopped = closing(entry(None, p(10, 30), heartbeat=30), at(25), EndReason.MANUAL)
    assert (stopped["end"], stopped["end_reason"], stopped["pauses"]) == (
        at(10),
        EndReason.MANUAL,
        (),
    )


def test_merging_and_joining_keep_paused_only_what_nobody_worked() -> None:
    first = entry(30, p(10, 20)).with_changes(uuid="a")
    second = entry(None).with_changes(uuid="b", start=at(15))  # worked through a's pause
    third = entry(70, p(60, 65)).with_changes(uuid="c", start=at(50))
    merged = merging([first, third])
    assert merged.changes["pauses"] == (p(10, 20), p(60, 65))  # the gap 30–50 is worked
    joined = merging([first, third], join=True)
    assert joined.changes["pauses"] == (p(10, 20), p(30, 50), p(60, 65))
    assert merging([first, second]).changes["pauses"] == (p(10, 15),)
    idle = entry(30, p(10, 20, PauseState.SUGGESTED, PauseOrigin.IDLE)).with_changes(uuid="d")
    assert combined([(idle.start, idle.end, idle.pauses)], join=False) == idle.pauses


def test_a_split_cuts_a_pause_across_it_in_two() -> None:
    before, after = split_at([p(10, 20), p(30, 40)], at(15))
    assert before == (p(10, 15),) and after == (p(15, 20), p(30, 40))
