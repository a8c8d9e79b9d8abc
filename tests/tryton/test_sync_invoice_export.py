"""The month's draft invoice in the real Tryton equals `trayclock export`'s total per
customer, to the cent, on a realistic month — after-hours, minimum charges, an hours bank,
overlaps — under both concurrency policies; run again it updates the same draft."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import BERLIN, POLICY, make_world
from trayclock.cli import main
from trayclock.config import paths
from trayclock.store import customers, settings
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

NOVEMBER = date(2026, 11, 1)
MONTH_POLICY = {
    **POLICY,
    "free_under_minutes": 3,
    "minimum_charge": "35.00",
    "after_hours_multiplier": "1.5",
}
# (customer, day in November, start, end, fields)
SESSIONS: list[tuple[str, int, str, str, dict[str, Any]]] = [
    ("bank", 2, "09:00", "09:40", {}),  # draws on the hours bank
    ("bank", 3, "10:00", "10:50", {}),  # exhausts it: partly covered
    ("bank", 7, "10:00", "10:20", {}),  # a Saturday: after hours
    ("bank", 9, "14:00", "14:02", {}),  # under 3 minutes: free
    ("bank", 10, "11:00", "11:06", {}),  # a minimum charge
    ("bank", 12, "08:30", "10:10", {"approved": True}),  # long, approved
    ("plain", 12, "09:15", "09:45", {}),  # overlaps the long one
    ("plain", 12, "09:30", "09:50", {}),  # and one of its own customer's
    ("plain", 16, "18:30", "19:05", {}),  # after closing
    ("plain", 20, "09:00", "09:25", {"billable": False}),
    ("plain", 30, "16:50", "17:40", {}),  # the month's last day, into the evening
]


def at(day: int, clock: str) -> datetime:
    hour, minute = (int(p) for p in clock.split(":"))
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def export_totals(tmp_path: Path) -> dict[str, Decimal]:
    out = tmp_path / "export.json"
    assert main(["export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json",
                 "-o", str(out)]) == 0  # fmt: skip
    document = json.loads(out.read_text(encoding="utf-8"))
    return {key: Decimal(v["amount"]) for key, v in document["customers"].items()}


@pytest.mark.parametrize("concurrency", ["bill_each", "split"])
def test_the_draft_invoice_equals_the_export_per_customer_to_the_cent(
    tmp_path: Path,
    tryton_server: TrytonServer,
    rpc: TrytonRPC,
    unique_name: Callable[[str], str],
    concurrency: str,
) -> None:
    world = make_world(tmp_path, tryton_server, rpc, path=paths().ensure().database)
    now = world.clock.now()
    settings.set_policy(world.conn, {**MONTH_POLICY, "concurrency": concurrency}, now=now)
    keys = {"bank": f"bank-{concurrency}", "plain": f"plain-{concurrency}"}
    ids = {
        "bank": customers.upsert(world.conn, keys["bank"], unique_name("Bank Kunde"), now=now,
                                 contract={"included_minutes": 60, "period": "once"}).id,
        "plain": customers.upsert(world.conn, keys["plain"], unique_name("Plain Kunde"),
                                  now=now, policy={"rate": "95.00"}).id,
    }  # fmt: skip
    for who, day, start, end, extra in SESSIONS:
        minutes = (at(day, end) - at(day, start)) / timedelta(minutes=1)
        world.add(ids[who], at(day, start), minutes, ticket=f"T-{day}", **extra)
    world.submit()
    assert world.sync().waiting == 0

    exported = export_totals(tmp_path)
    made = {one.key: one for one in world.invoice(NOVEMBER)}
    assert set(made) == set(keys.values())
    for key in keys.values():
        result = made[key].result
        assert result.created
        assert result.total == exported[key] == made[key].export_total, key
        assert result.total == result.trayclock_total
    assert exported[keys["bank"]] > 0 and exported[keys["plain"]] > 0

    again = {one.key: one.result for one in world.invoice(NOVEMBER, keys["plain"])}
    assert not again[keys["plain"]].created
    assert again[keys["plain"]].invoice_id == made[keys["plain"]].result.invoice_id
    assert again[keys["plain"]].total == exported[keys["plain"]]
    world.conn.close()
