"""Step 3 of billing-rules.md, concurrency: one sweep sharing time among the billed entries.

Who owns each moment: of one customer's active entries, the earliest start (tie: smallest
id); with k customers active, each owner earns the whole moment (bill_each) or 1/k of it
(split). An entry is active only inside its worked pieces (domain.overlap.worked_pieces), not
inside its own pauses. Exact: integer microseconds, Fractions only for split shares.
"""

from __future__ import annotations

import heapq
from fractions import Fraction

from trayclock.domain.model import Concurrency

Pieces = list[tuple[int, int]]  # an entry's worked pieces, microseconds since the epoch


def share_time(
    billed: list[int],
    starts: list[int],
    pieces: list[Pieces],
    ids: list[str],
    customers: list[str],
    concurrency: Concurrency,
) -> tuple[dict[int, Fraction | int], dict[int, str]]:
    """Step 3 as one sweep: effective microseconds per billed entry, and merged-into ids.

    Between two consecutive boundaries (an entry's worked piece starting or ending) the
    active set is constant. Each active customer's owning entry is the top of a per-customer
    heap keyed (start, id); an entry leaves it (lazily) when a piece ends and comes back when
    its next piece starts, so it is not active inside its own pause. Instead of visiting
    every (piece, customer), a running `clock` integrates what one owner earns per
    microsecond (1 under bill_each, 1/k under split); an owner is credited `clock` at the end
    of its tenure minus `clock` at its beginning. Cost: O(p log p) for p pieces, memory O(p).
    The clock stays an int (exact and fast) until a split piece has k > 1 customers; only
    then does it become a Fraction.
    """
    # A piece's start is (moment, index), its end (moment, -1 - index): one int per event.
    events = sorted(
        event for i in billed for low, high in pieces[i] for event in ((low, i), (high, -1 - i))
    )
    split = concurrency is Concurrency.SPLIT
    credit: dict[int, Fraction | int] = dict.fromkeys(billed, 0)
    active: dict[str, list[tuple[int, str, int]]] = {}  # customer → heap of (start, id, index)
    working: set[int] = set()  # entries inside one of their pieces
    queued: set[int] = set()  # entries with an item in their customer's heap
    owner: dict[str, int] = {}
    since: dict[str, Fraction | int] = {}
    first_owner: dict[int, str] = {}
    clock: Fraction | int = 0
    previous = 0
    position = 0
    while position < len(events):
        moment = events[position][0]
        k = len(active)
        if k:
            elapsed = moment - previous
            clock += Fraction(elapsed, k) if split and k > 1 else elapsed
        previous = moment
        touched: set[str] = set()
        started: list[int] = []
        while position < len(events) and events[position][0] == moment:
            code = events[position][1]
            position += 1
            index = code if code >= 0 else -1 - code
            customer = customers[index]
            touched.add(customer)
            if code >= 0:
                working.add(index)
                started.append(index)
                if index not in queued:
                    queued.add(index)
                    heapq.heappush(
                        active.setdefault(customer, []), (starts[index], ids[index], index)
                    )
            else:
                working.discard(index)
        for customer in touched:
            previous_owner = owner.pop(customer, None)
            if previous_owner is not None:
                credit[previous_owner] += clock - since[customer]
            heap = active.get(customer, [])
            while heap and heap[0][2] not in working:
                queued.discard(heapq.heappop(heap)[2])
            if heap:
                owner[customer] = heap[0][2]
                since[customer] = clock
            else:
                active.pop(customer, None)
        for index in started:
            holder = owner[customers[index]]
            if holder != index and index not in first_owner:
                first_owner[index] = ids[holder]
    return credit, first_owner
