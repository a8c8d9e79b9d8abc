"""The one definition of overlap (domain.overlap), checked against brute force.

Spans may have pauses; the brute force then works moment by moment on integer times, so it
knows nothing of pieces: a span is worked at t when start <= t < end and no pause holds t.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations, pairwise

from hypothesis import given
from hypothesis import strategies as st

from trayclock.domain.overlap import (
    Span,
    count_span_pairs,
    flag_concurrent,
    for_different_customers,
    overlap_pairs,
    overlap_partners,
    shared_length,
    shares_time,
    worked_pieces,
)


@st.composite
def span_lists(draw: st.DrawFn) -> list[Span]:
    spans = []
    for i in range(draw(st.integers(0, 25))):
        start, length = draw(st.integers(0, 40)), draw(st.integers(0, 12))
        customer = draw(st.sampled_from([None, "a", "b", "c"]))
        cuts = sorted(draw(st.lists(st.integers(start, start + length), max_size=4)))
        pauses = tuple(
            (low, high) for low, high in zip(cuts[::2], cuts[1::2], strict=False) if high > low
        )
        if draw(st.booleans()):
            pauses = ()
        spans.append(Span(f"s{i:02d}", start, start + length, customer, pauses))
    return spans


spans_strategy = span_lists()


def worked(span: Span, moment: int) -> bool:
    return span.start <= moment < span.end and not any(
        low <= moment < high for low, high in span.pauses
    )


def both_worked(a: Span, b: Span) -> int:
    """Moments (integer times) both spans were worked: the brute force of shared time."""
    return sum(1 for t in range(0, 60) if worked(a, t) and worked(b, t))


def brute_pairs(spans: list[Span]) -> list[tuple[str, str, int]]:
    found = []
    for a, b in combinations(spans, 2):
        shared = both_worked(a, b)
        if shared:
            first, second = sorted((a, b), key=lambda s: (s.start, s.key))
            found.append((first.key, second.key, shared))
    return sorted(found)


def test_touching_spans_do_not_overlap_and_empty_ones_never_do() -> None:
    assert not shares_time(0, 10, 10, 20)
    assert shares_time(0, 10, 9, 20)
    assert not shares_time(5, 5, 0, 10)


def test_unattached_counts_as_another_customer() -> None:
    assert for_different_customers(None, "acme")
    assert for_different_customers(None, None)
    assert not for_different_customers("acme", "acme")
    assert for_different_customers("acme", "beta")


@given(spans_strategy)
def test_pairs_are_exactly_the_brute_force_ones_in_order(spans: list[Span]) -> None:
    got = [(a.key, b.key, shared_length(a, b)) for a, b in overlap_pairs(spans)]
    assert sorted(got) == sorted(brute_pairs(spans))
    order = {s.key: (s.start, s.key) for s in spans}
    assert [order[a] for a, _, _ in got] == sorted(order[a] for a, _, _ in got)


@given(spans_strategy)
def test_flags_are_exactly_the_spans_sharing_time_with_another_customer(
    spans: list[Span],
) -> None:
    expected = set()
    for a, b in combinations(spans, 2):
        if both_worked(a, b) and for_different_customers(a.customer, b.customer):
            expected |= {a.key, b.key}
    assert flag_concurrent(spans) == expected


def test_same_customer_overlap_is_not_flagged_but_a_third_customer_flags_all() -> None:
    spans = [Span("a1", 0, 10, "acme"), Span("a2", 2, 8, "acme")]
    assert flag_concurrent(spans) == set()
    assert flag_concurrent([*spans, Span("b", 7, 9, "beta")]) == {"a1", "a2", "b"}


@given(spans_strategy, st.integers(1, 4))
def test_partners_are_bounded_and_the_pair_count_exact(spans: list[Span], limit: int) -> None:
    partners, count = overlap_partners(spans, limit)
    pairs = brute_pairs(spans)
    assert count == len(pairs)
    everyone: dict[str, set[str]] = {}
    for a, b, _ in pairs:
        everyone.setdefault(a, set()).add(b)
        everyone.setdefault(b, set()).add(a)
    for key, named in partners.items():
        assert len(named) == min(limit, len(everyone[key]))
        assert set(named) <= everyone[key]
    assert set(partners) == {k for k, v in everyone.items() if v}


def test_thousands_of_identical_spans_flag_in_one_sweep() -> None:
    # 20,000 mutually overlapping entries: 200 million pairs, flagged without visiting them.
    spans = [Span(f"e{i}", 0, 100, None) for i in range(20_000)]
    assert len(flag_concurrent(spans)) == 20_000


@given(spans_strategy)
def test_worked_pieces_are_the_worked_moments(spans: list[Span]) -> None:
    for span in spans:
        pieces = worked_pieces(span)
        assert all(low < high for low, high in pieces)
        assert all(a[1] < b[0] for a, b in pairwise(pieces))  # apart
        moments = {t for low, high in pieces for t in range(low, high)}
        assert moments == {t for t in range(0, 60) if worked(span, t)}


@given(spans_strategy)
def test_span_pair_count_is_exact_without_pauses_and_an_upper_bound_with(
    spans: list[Span],
) -> None:
    hulls = [s._replace(pauses=()) for s in spans]
    assert count_span_pairs(hulls) == len(brute_pairs(hulls))
    assert count_span_pairs(spans) >= len(brute_pairs(spans))


def test_a_pause_keeps_two_spans_apart_and_shortens_what_they_share() -> None:
    a = Span("a", 0, 60, "acme", ((30, 60),))
    b = Span("b", 15, 45, "beta")
    assert [(x.key, y.key) for x, y in overlap_pairs([a, b])] == [("a", "b")]
    assert shared_length(a, b) == 15  # 15–30: a is paused from 30
    inside = Span("c", 35, 50, "cora")
    assert [(x.key, y.key) for x, y in overlap_pairs([a, inside])] == []
    assert flag_concurrent([a, inside]) == set()
    assert overlap_partners([a, inside], 3) == ({}, 0)
    assert flag_concurrent([a, b, inside]) == {"a", "b", "c"}  # b and c meet at 35–45


def test_pieces_keep_datetimes_and_timedeltas() -> None:
    t0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
    minute = timedelta(minutes=1)
    a = Span("a", t0, t0 + 60 * minute, None, ((t0 + 20 * minute, t0 + 50 * minute),))
    b = Span("b", t0 + 10 * minute, t0 + 55 * minute)
    assert worked_pieces(a) == [(t0, t0 + 20 * minute), (t0 + 50 * minute, t0 + 60 * minute)]
    assert shared_length(a, b) == 15 * minute
    assert shared_length(a, Span("c", t0 + 25 * minute, t0 + 30 * minute)) == timedelta(0)
