"""The customers window: search, add, edit, archive; own rules, contracts, partner IDs, CSV."""

from __future__ import annotations

from trayclock.ui.customers.window import CustomersWindow

__all__ = ["CustomersWindow"]
