"""How the UI words the things it shows in several places: apps, partners, durations, customers."""

from __future__ import annotations

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


def partner_label(partner_id: str | None, partner_name: str | None) -> str:
    if partner_id and partner_name and partner_name != partner_id:
        return f"{partner_name} ({group_id(partner_id)})"
    if partner_id:
        return group_id(partner_id)
    return partner_name or QCoreApplication.translate("texts", "an unknown partner")


def elapsed(duration: timedelta) -> str:
    """h:mm, the way a tech reads a running clock (seconds would only flicker)."""
    minutes = max(0, int(duration.total_seconds() // 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


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
