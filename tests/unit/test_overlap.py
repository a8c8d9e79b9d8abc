"""The one definition of overlap (domain.overlap), checked against brute force."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from trayclock.domain.overlap import (
    Span,
    flag_concurrent,
    for_different_customers,
    overlap_pairs,
    overlap_partners,
    shared_length,
    shares_time,
)

spans_strategy = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 12), st.sampled_from([None, "a", "b", "c"])),
    max_size=25,
).map(
    lambda items: [
        Span(f"s{i:02d}", start, start + length, customer)
        for i, (start, length, customer) in enumerate(items)
    ]
)


def brute_pairs(spans: list[Span]) -> list[tuple[str, str, int]]:
    found = []
    for a, b in combinations(spans, 2):
        if shares_time(a.start, a.end, b.start, b.end):
            first, second = sorted((a, b), key=lambda s: (s.start, s.key))
            found.append((first.key, second.key, min(a.end, b.end) - max(a.start, b.start)))
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
        if shares_time(a.start, a.end, b.start, b.end) and for_different_customers(
            a.customer, b.customer
        ):
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
