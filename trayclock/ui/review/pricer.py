"""The review's one pricer: a snapshot in, views to show out — inline when small, else on a thread.

Each request begins a generation on the PricingRunner (the one counter): anything still
pending for an older request (a deferred history read, a job on the worker) comes to
nothing. Pricing itself is `services.review.pricing` (pure data in, pure data out). A
snapshot that comes without its history (more than a frame's worth of earlier entries, or
contract checkpoints still to be made) is completed on the worker, on a connection of its
own, so the GUI thread never reads more than what the window shows. Once the earlier
entries of a range have been priced, what they leave in each contract is kept (while the
window is open) and later prices of that range take only the shown entries.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCore import QObject, QTimer, Signal

from trayclock.domain.billing import BillingInputError
from trayclock.services.review.pricing import (
    build_view,
    carried,
    carried_balances,
    carry_key,
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
CARRIED_KEPT = 16  # ranges whose carried balances are kept while the window is open


@dataclass(frozen=True, slots=True)
class _Priced:
    """What a pricing job hands back: the view, and the balances it carried (if it could)."""

    view: DayView
    key: Hashable | None
    balances: dict[str, Fraction] | None


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
        self._carried: dict[Hashable, dict[str, Fraction]] = {}

    def request(self, snapshot: Snapshot, previous: DayView | None) -> None:
        """Price this snapshot; `previous` (the view on screen) lends its prices meanwhile.

        A snapshot without its history shows at once, unpriced; the worker reads the history
        and prices it, starting a frame later, after the entries are on screen.
        """
        generation = self.runner.begin()
        if not snapshot.complete and not self._source.reads_elsewhere:
            snapshot = self._source.with_history(snapshot)  # an in-memory store: here
        if snapshot.complete:
            self._price(snapshot, generation, previous)
            return
        self.view_ready.emit(unpriced_view(snapshot, generation, previous))
        source = self._source

        kept = self._carried  # read on the worker (a dict read is atomic), written here only

        def job() -> _Priced:
            return _priced(source.with_history_elsewhere(snapshot), generation, None, kept)

        QTimer.singleShot(PRICING_DELAY_MS, lambda: self.runner.submit(generation, job))

    def cancel(self) -> None:
        """Whatever is still pending is for nobody now (the window closed); nothing read is
        kept for it."""
        self.runner.begin()
        self._carried.clear()

    def wait(self) -> bool:
        """Wait for the worker to finish its job (tests, benchmarks)."""
        return self.runner.wait()

    def _price(self, snapshot: Snapshot, generation: int, previous: DayView | None) -> None:
        """Price inline when it takes less than a frame, else on the worker."""
        key = carry_key(snapshot)
        known = self._carried.get(key) if key is not None else None
        if known is not None:
            snapshot, key = carried(snapshot, known), None
        size = len(snapshot.shown) + len(snapshot.context)
        if size <= self.sync_price_max_entries:
            try:
                view = build_view(snapshot, price_snapshot(snapshot), generation)
            except BillingInputError as error:
                self.view_ready.emit(unpriced_view(snapshot, generation))
                self._on_failed(generation, str(error))
                return
            self.view_ready.emit(view)
            return
        self.view_ready.emit(unpriced_view(snapshot, generation, previous))
        # Start pricing a frame later: a Python worker shares the GIL with this thread, and the
        # entries should be painted before it starts competing.
        QTimer.singleShot(
            PRICING_DELAY_MS,
            lambda: self.runner.submit(generation, lambda: _priced(snapshot, generation, key, {})),
        )

    def _on_priced(self, generation: int, result: object) -> None:
        if not isinstance(result, _Priced):
            return
        if result.key is not None and result.balances is not None:
            if len(self._carried) >= CARRIED_KEPT:
                self._carried.clear()
            self._carried[result.key] = result.balances
        self.view_ready.emit(result.view)

    def _on_failed(self, generation: int, message: str) -> None:
        log.warning("pricing failed: %s", message)
        self.failed.emit(message)


def _priced(
    snapshot: Snapshot,
    generation: int,
    key: Hashable | None,
    kept: Mapping[Hashable, dict[str, Fraction]],
) -> _Priced:
    """The worker's job: pure data in, pure data out. A snapshot whose history can be carried
    is priced from the balances that history leaves (`kept` ones, or worked out here and
    handed back to be kept)."""
    if key is None and snapshot.context:
        key = carry_key(snapshot)  # the history was read on the worker
    if key is None:
        return _Priced(build_view(snapshot, price_snapshot(snapshot), generation), None, None)
    balances = kept.get(key) or carried_balances(snapshot)
    light = carried(snapshot, balances)
    return _Priced(build_view(light, price_snapshot(light), generation), key, balances)
