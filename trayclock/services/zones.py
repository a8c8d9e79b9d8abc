"""The company time zone: the one that decides which calendar day an entry belongs to.

Business hours, holidays and contract months are in it (billing-rules.md `timezone`), so the
tray's "today", the review window's days and the pricing all use it, never the zone of the
computer the tray happens to run on.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)


def company_zone(policy: Mapping[str, Any]) -> tzinfo:
    """The company time zone of the policy (billing-rules.md `timezone`); UTC when unusable."""
    name = policy.get("timezone") or "UTC"
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown company timezone %r in the policy; using UTC", name)
        return UTC
