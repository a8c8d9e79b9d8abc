"""How the UI words the things it shows in several places: apps, partners, durations, customers."""

from __future__ import annotations

import math
from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from trayclock.domain.entry import MANUAL_SOURCE
from trayclock.domain.partner_id import group_id as group_id
from trayclock.services.tray_types import SessionRow

_APP_LABELS = {"teamviewer": "TeamViewer", "anydesk": "AnyDesk", "rustdesk": "RustDesk"}


def app_label(source: str) -> str:
    if source == MANUAL_SOURCE:
        return QCoreApplication.translate("texts", "Manual timer")
    return _APP_LABELS.get(source, source)


NO_BREAK_SPACE = "\u00a0"


def partner_label(
    partner_id: str | None, partner_name: str | None, *, unbreakable: bool = False
) -> str:
    """ "FRONTDESK-PC (1 234 567 890)"; `unbreakable`: the ID's groups joined by no-break
    spaces, so a label that wraps never cuts an ID in two (the prompt's)."""
    grouped = group_id(partner_id) if partner_id else ""
    if unbreakable:
        grouped = grouped.replace(" ", NO_BREAK_SPACE)
    if partner_id and partner_name and partner_name != partner_id:
        return f"{partner_name} ({grouped})"
    if partner_id:
        return grouped
    return partner_name or QCoreApplication.translate("texts", "an unknown partner")


def duration_text(minutes: float) -> str:
    """A duration in whole minutes, the way a person says it: "13 min", "1 h", "1 h 05 min".

    The one rule for every duration the UI shows (the tray, the review's table, totals and
    explanations): 12.6 minutes are "13 min"; less than half a minute of something is "< 1 min".
    """
    whole = max(0, math.floor(minutes + 0.5))
    if whole == 0:
        return (
            QCoreApplication.translate("texts", "< 1 min")
            if minutes > 0
            else QCoreApplication.translate("texts", "0 min")
        )
    hours, rest = divmod(whole, 60)
    if hours == 0:
        return QCoreApplication.translate("texts", "%1 min").replace("%1", str(rest))
    if rest == 0:
        return QCoreApplication.translate("texts", "%1 h").replace("%1", str(hours))
    return (
        QCoreApplication.translate("texts", "%1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", f"{rest:02d}")
    )


def elapsed(duration: timedelta) -> str:
    """How long something has run: `duration_text` of it ("2 min", "1 h 05 min")."""
    return duration_text(duration.total_seconds() / 60.0)


def customer_label(row: SessionRow) -> str:
    return (
        row.customer.name
        if row.customer
        else QCoreApplication.translate("texts", "no customer yet")
    )


def row_label(row: SessionRow) -> str:
    """One line per running session: customer, app and partner."""
    entry = row.entry
    if entry.manual:
        return f"{customer_label(row)} · {app_label(entry.source)}"
    partner = partner_label(entry.partner_id, entry.partner_name)
    return f"{customer_label(row)} · {app_label(entry.source)} {partner}"
