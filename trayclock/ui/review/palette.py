"""A stable QColor per customer, shared by the timeline, the table and the totals."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from PySide6.QtGui import QColor

from trayclock.ui.review.colours import CUSTOMER_COLOURS, UNATTACHED_FILL


class CustomerColours:
    """A stable colour per customer: known customers take palette slots in name order."""

    def __init__(self, customers: Iterable[str] = ()) -> None:
        self._slots: dict[str, int] = {}
        self.assign(customers)

    def assign(self, customers: Iterable[str]) -> None:
        for name in sorted(set(customers) - set(self._slots)):
            used = set(self._slots.values())
            free = [i for i in range(len(CUSTOMER_COLOURS)) if i not in used]
            self._slots[name] = free[0] if free else self._hash_slot(name)

    @staticmethod
    def _hash_slot(name: str) -> int:
        return zlib.crc32(name.encode("utf-8")) % len(CUSTOMER_COLOURS)

    def colour(self, customer: str | None) -> QColor:
        if customer is None:
            return QColor(UNATTACHED_FILL)
        slot = self._slots.get(customer)
        if slot is None:
            slot = self._hash_slot(customer)
        return QColor(CUSTOMER_COLOURS[slot])
