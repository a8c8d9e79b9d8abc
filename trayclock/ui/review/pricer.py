"""The review's one pricer: a snapshot in, views to show out — inline when small, else on a thread.

Each request begins a generation on the PricingRunner (the one counter): anything still
pending for an older request (a deferred history read, a job on the worker) comes to
nothing. Pricing itself is `services.review.pricing` (pure data in, pure data out).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCore import QObject, QTimer, Signal

from trayclock.domain.billing import BillingInputError
from trayclock.services.review.pricing import (
    build_view,
    can_carry_balances,
    contract_balances,
    price_snapshot,
    unpriced_view,
)
from trayclock.services.review.rows import DayView
from trayclock.services.review.source import ReviewSource, Snapshot
from trayclock.ui.review.worker import PricingRunner

log = logging.getLogger(__name__)

# Up to this many entries in the billing document, pricing takes less than a frame (16 ms)
# on the reference machine (bench/bench_review.py), so it runs inline; beyond it, off the UI
# thread.
SYNC_PRICE_MAX_ENTRIES = 300
PRICING_DELAY_MS = 16  # one frame


@dataclass(frozen=True, slots=True)
class _Priced:
    """What a pricing job hands back: the view, and the balances it worked out (if any)."""

    view: DayView
    snapshot: Snapshot
    balances: dict[str, Fraction] | None


def _priced(
    snapshot: Snapshot, generation: int, carry: bool, balances: dict[str, Fraction] | None
) -> _Priced:
    """The worker's job: pure data in, pure data out."""
    if carry and balances is None:
        balances = contract_balances(snapshot)
    result = price_snapshot(snapshot, balances if carry else None)
    return _Priced(build_view(snapshot, result, generation), snapshot, balances if carry else None)


class ReviewPricer(QObject):
    """Prices what the review shows; `view_ready` each time a view (priced or not) is due."""

    view_ready = Signal(object)  # DayView: show it
    failed = Signal(str)  # the engine refused the policy or a job failed: the message

    def __init__(
        self,
        source: ReviewSource,
        *,
        sync_price_max_entries: int = SYNC_PRICE_MAX_ENTRIES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self.sync_price_max_entries = sync_price_max_entries
        self.runner = PricingRunner(self)
        self.runner.finished.connect(self._on_priced)
        self.runner.failed.connect(self._on_failed)

    def request(self, snapshot: Snapshot, previous: DayView | None) -> None:
        """Price this snapshot; `previous` (the view on screen) lends its prices meanwhile.

        A snapshot without its history shows at once, unpriced; the history (an hours bank)
        is read a frame later, after the entries are on screen.
        """
        generation = self.runner.begin()
        if snapshot.complete:
            self._price(snapshot, generation, previous, shown=False)
            return
        self.view_ready.emit(unpriced_view(snapshot, generation, previous))
        QTimer.singleShot(PRICING_DELAY_MS, lambda: self._complete(snapshot, generation))

    def cancel(self) -> None:
        """Whatever is still pending is for nobody now (the window closed)."""
        self.runner.begin()

    def wait(self) -> bool:
        """Wait for the worker to finish its job (tests, benchmarks)."""
        return self.runner.wait()

    def _complete(self, snapshot: Snapshot, generation: int) -> None:
        if self.runner.is_current(generation):  # not superseded by a newer request meanwhile
            self._price(self._source.with_history(snapshot), generation, None, shown=True)

    def _price(
        self, snapshot: Snapshot, generation: int, previous: DayView | None, *, shown: bool
    ) -> None:
        """Price inline when it takes less than a frame, else on the worker.

        Once the history has been priced, its contract balances are kept, and later prices
        of the same range take only the shown entries (see pricing.contract_balances).
        """
        carry = can_carry_balances(snapshot)
        balances = self._source.balances_for(snapshot) if carry else None
        size = len(snapshot.shown) + (0 if balances is not None else len(snapshot.context))
        if size <= self.sync_price_max_entries:
            try:
                view = build_view(snapshot, price_snapshot(snapshot, balances), generation)
            except BillingInputError as error:
                self.view_ready.emit(unpriced_view(snapshot, generation))
                self._on_failed(generation, str(error))
                return
            self.view_ready.emit(view)
            return
        if shown:
            self._start(snapshot, generation, carry, balances)
            return
        self.view_ready.emit(unpriced_view(snapshot, generation, previous))
        # Start pricing a frame later: a Python worker shares the GIL with this thread, and the
        # entries should be painted before it starts competing.
        QTimer.singleShot(
            PRICING_DELAY_MS, lambda: self._start(snapshot, generation, carry, balances)
        )

    def _start(
        self,
        snapshot: Snapshot,
        generation: int,
        carry: bool,
        balances: dict[str, Fraction] | None,
    ) -> None:
        self.runner.submit(generation, lambda: _priced(snapshot, generation, carry, balances))

    def _on_priced(self, generation: int, result: object) -> None:
        if not isinstance(result, _Priced):
            return
        if result.balances is not None:
            self._source.remember_balances(result.snapshot, result.balances)
        self.view_ready.emit(result.view)

    def _on_failed(self, generation: int, message: str) -> None:
        log.warning("pricing failed: %s", message)
        self.failed.emit(message)
