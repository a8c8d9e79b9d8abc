"""Customer colours and the review window's signal colours, shared by timeline, table and totals."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from PySide6.QtGui import QColor

# Mid-light, clearly distinct hues: dark text stays legible on every one of them.
CUSTOMER_COLOURS = (
    "#7fb2e5",  # blue
    "#f4b168",  # orange
    "#8fcf8a",  # green
    "#c9a2e6",  # violet
    "#e8d35e",  # yellow
    "#7dd0c8",  # teal
    "#f0a3c8",  # pink
    "#b9c46f",  # olive
    "#d8b08c",  # tan
    "#a3b4f2",  # periwinkle
)
UNATTACHED_FILL = "#ffffff"
ALERT = "#d32f2f"  # overlaps and missing customers: the things to fix
REVIEW = "#e08600"  # long sessions awaiting approval
MUTED = "#9e9e9e"  # non-billable, merged
BUSINESS_HOURS = "#e8f3ea"
AFTER_HOURS = "#f4f4f6"


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
