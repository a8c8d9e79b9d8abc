"""The one rule for history: which earlier entries a range's prices depend on, and the
contract balances that stand in for all the years before (no I/O; the store keeps them).

An hours bank (`once`) is drawn by every earlier entry, a monthly quota by the month's, and
an earlier session still running when a range starts can cover (merge) a later one of the
same customer or, under `split`, share its time. None of that needs the years before:
earlier entries touch a range only through the entries sharing time with it, back to a
**quiet moment** no entry runs across (trayclock.store.contract_balances finds it), and
through what they drew from an hours bank. So a range is priced from its `history_anchor`
(its start, or its month's when a customer has a contract) back to the quiet moment before
it, each hours bank starting from its `opening_balances` there: the bank's amount less what
the earlier entries' billed minutes weigh (`drawn_minutes`, kept per month by the store).
`relevant_history` says which of the entries read before the range matter. The result is the
same, to the cent, as pricing every earlier entry with the range
(tests/services/test_balance_checkpoints.py holds it to that).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

from trayclock.domain.entry import Customer, Entry, customers_by_id

if TYPE_CHECKING:
    from fractions import Fraction  # with the engine, below: the rules above need no numbers

# Policy fields that change only an amount, never which minutes are billed or drawn.
MONEY_FIELDS = frozenset({"rate", "currency", "minimum_charge"})


def _contracts(customers: Iterable[Customer] | Mapping[int, Customer]) -> set[str]:
    """The contract periods the customers have ("once", "month")."""
    return {
        str((c.contract or {}).get("period"))
        for c in customers_by_id(customers).values()
        if c.contract
    }


def month_start(moment: datetime, zone: tzinfo) -> datetime:
    """The first instant of `moment`'s calendar month in `zone` (contract months are local)."""
    return datetime.combine(moment.astimezone(zone).date().replace(day=1), time(0), zone)


def next_month(first: date) -> date:
    """The first day of the month after the one `first` is in."""
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def history_anchor(
    range_start: datetime, zone: tzinfo, customers: Iterable[Customer] | Mapping[int, Customer]
) -> datetime:
    """Where the earlier entries a range's prices depend on begin, before reaching back to a
    quiet moment: the range's month (in the company `zone`) when any customer has a contract
    (a monthly quota is drawn by the month's earlier entries; an hours bank's balance is
    checkpointed at months), else the range's start."""
    return month_start(range_start, zone) if _contracts(customers) else range_start


def needs_balances(customers: Iterable[Customer] | Mapping[int, Customer]) -> bool:
    """Whether any customer has an hours bank, whose balance earlier months drew."""
    return "once" in _contracts(customers)


def is_bank(contract: Mapping[str, Any] | None) -> bool:
    """Whether a customer's contract is an hours bank (`once`)."""
    return str((contract or {}).get("period")) == "once"


def drawing_customers(
    customers: Iterable[Customer] | Mapping[int, Customer], policy: Mapping[str, Any]
) -> frozenset[int] | None:
    """The customers whose draws a month's checkpoint keeps, and whose entries alone it is
    priced from: under `bill_each` the hours banks' (a customer's billed minutes depend on
    its own entries only: billing-rules.md step 3 gives each customer's owning entry the
    piece's full length whoever else worked then), so a month of years of history prices
    the few customers with a bank, not everyone; None under `split` (every customer's,
    from every entry: time shared with anyone changes what a bank draws).

    So a customer that becomes an hours bank (or stops being one) has months without (or
    with needless) draws of its own: the store forgets them (`store.customers.upsert`)."""
    if policy.get("concurrency", "bill_each") == "split":
        return None
    return frozenset(c.id for c in customers_by_id(customers).values() if is_bank(c.contract))


def draws_basis(policy: Mapping[str, Any]) -> str:
    """A fingerprint of the company policy as far as it decides minutes (not money): drawn
    minutes checkpointed under another basis are void."""
    terms = {k: v for k, v in policy.items() if k not in MONEY_FIELDS}
    text = json.dumps(terms, sort_keys=True, default=str)
    # hashlib maps OpenSSL's libcrypto (3.4 MiB of the tray's RSS): only stores with an hours
    # bank ever checkpoint, so only they load it.
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def decides_minutes(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """Whether a change of policy overrides can change which minutes are billed or drawn."""
    return {k: v for k, v in before.items() if k not in MONEY_FIELDS} != {
        k: v for k, v in after.items() if k not in MONEY_FIELDS
    }


def drawn_minutes(
    entries: Iterable[Entry],
    customers: Iterable[Customer] | Mapping[int, Customer],
    policy: Mapping[str, Any],
) -> dict[int, Fraction]:
    """What the entries' billed minutes weigh per customer id (every attached customer with a
    priced entry among them, billed or not), priced alone: what they draw from a contract as
    large as need be. Entries that share no time with any others than
    these (from one quiet moment to the next) weigh the same wherever they are priced, and
    a contract does not change what an entry weighs, only how much of it is covered."""
    # The engine only here and in opening_balances: a store without an hours bank never
    # prices draws, and the idle tray that asks the rules above never loads it.
    from fractions import Fraction

    from trayclock.domain.billing import price_streamed
    from trayclock.domain.pricing import billing_input

    by_id = customers_by_id(customers)
    listed = list(entries)
    result, _ = price_streamed(billing_input(listed, by_id, policy))  # no overlap list needed
    owner = {e.uuid: e.customer_id for e in listed if e.customer_id in by_id}
    drawn: dict[int, Fraction] = {}
    for priced_entry in result.entries:
        customer_id = owner.get(priced_entry.entry.id)
        if customer_id is not None:
            drawn[customer_id] = drawn.get(customer_id, Fraction(0)) + (
                priced_entry.weighted_minutes
            )
    return drawn


def opening_balances(
    customers: Iterable[Customer] | Mapping[int, Customer], drawn: Mapping[int, Fraction]
) -> dict[str, Fraction]:
    """Each hours bank's balance after earlier entries that weigh `drawn` (per customer id; a
    customer is there when it has any earlier priced entry): its amount less their draws,
    never below zero (each draw takes at most what is left, so the balance after them is the
    same in whatever order they come). A bank nothing earlier was priced for is left out: it
    starts full."""
    banks = [
        c for c in customers_by_id(customers).values() if is_bank(c.contract) and c.id in drawn
    ]
    # The engine's own parser reads each amount (its exact value, its limits); loaded here,
    # not with the module (see drawn_minutes).
    from fractions import Fraction

    from trayclock.domain.billing import parse_document

    doc = {"customers": {c.key: {"contract": dict(c.contract or {})} for c in banks}}
    parsed = parse_document({**doc, "entries": []}).customers
    balances: dict[str, Fraction] = {}
    for customer in banks:
        contract = parsed[customer.key].contract
        assert contract is not None
        left = contract.included_minutes - drawn.get(customer.id, Fraction(0))
        balances[customer.key] = max(Fraction(0), left)
    return balances


def relevant_history(
    history: Iterable[Entry],
    range_start: datetime,
    customers: Iterable[Customer] | Mapping[int, Customer],
    *,
    split: bool,
) -> list[Entry]:
    """The earlier entries that can change a price from `range_start` on.

    Under `split` every one (time shared with another customer changes what a contract
    customer draws); under `bill_each` those of customers with a contract (their draws) and
    those still running at `range_start` (they can cover a same-customer entry in the range).
    The others would be priced for nothing.
    """
    by_id = customers_by_id(customers)
    with_contract = {c.id for c in by_id.values() if c.contract}
    return [
        e
        for e in history
        if not e.discarded
        and (split or e.customer_id in with_contract or e.end is None or e.end > range_start)
    ]
