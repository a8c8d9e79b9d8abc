"""How an import's changes read in the import dialog: each field by the label the settings give
it, each value as the settings show it ("Mo, Di, Mi, Do, Fr 08:00–17:00", "10:00 h,
Stundenkontingent"), never the file's JSON keys."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject

from trayclock.services.rollout_plan import FieldChange
from trayclock.ui.settings.billing_page import value_text
from trayclock.ui.settings.labels import (
    concurrency_label,
    field_label,
    rounding_label,
    weekday_short,
)

POLICY_PREFIX = "policy."  # a customer's own rule: "policy.rate"
MINUTES_PER_HOUR = 60


class ChangeWords(QObject):
    """Words for one FieldChange: "Hourly rate: 85.00 → 120.00"."""

    def change(self, change: FieldChange) -> str:
        name = change.field.removeprefix(POLICY_PREFIX)
        return (
            f"{self.field(name)}: {self.value(name, change.old)} → {self.value(name, change.new)}"
        )

    def field(self, name: str) -> str:
        own = {
            "name": self.tr("Name"),
            "contract": self.tr("Contract"),
            "external_ids": self.tr("Backend IDs"),
            "archived": self.tr("Archived"),
            "business_hours": self.tr("Business hours"),
        }
        return own.get(name) or field_label(name)

    def value(self, name: str, value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if name == "business_hours" and isinstance(value, Mapping):
            return self._hours(value)
        if name == "contract" and isinstance(value, Mapping):
            return self._contract(value)
        if name == "rounding":
            return rounding_label(str(value))
        if name == "concurrency":
            return concurrency_label(str(value))
        if isinstance(value, str | int | float):
            return value_text(value)
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    def _hours(self, hours: Mapping[str, Any]) -> str:
        days = ", ".join(weekday_short(int(day)) for day in hours.get("days", []))
        text = f"{days} {hours.get('start', '')}–{hours.get('end', '')}"
        holidays = len(hours.get("holidays", []))
        if holidays:
            text += ", " + self.tr("%n holiday(s)", "", holidays)
        return text

    def _contract(self, contract: Mapping[str, Any]) -> str:
        minutes = int(contract.get("included_minutes", 0))
        hours = f"{minutes // MINUTES_PER_HOUR}:{minutes % MINUTES_PER_HOUR:02d} h"
        monthly = contract.get("period") == "month"
        kind = self.tr("monthly quota") if monthly else self.tr("hours bank")
        return f"{hours}, {kind}"
