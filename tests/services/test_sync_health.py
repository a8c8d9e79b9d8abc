"""The tray's sync state from the store's sync status: off, ok, pending, failing (what waits
for the technician: a refused login, refused entries, conflicts), never failing for a
backend that is merely out of reach."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from trayclock.services.sync import SyncStatus
from trayclock.services.tray import sync_health
from trayclock.services.tray_types import SYNC_FAILING, SYNC_OFF, SYNC_OK, SYNC_PENDING
from trayclock.store.sync_backends import Problem
from trayclock.sync.reasons import Code, reason

AT = datetime(2026, 11, 2, 13, 5, tzinfo=UTC)
WHERE = "tryton at https://erp.example.com, database acme, user tech"
NO_DATABASE = reason(Code.TRYTON_NO_DATABASE, url="https://erp.example.com", database="acme")
REFUSED = reason(Code.TRYTON_LOGIN_REFUSED, user="tech", database="acme")


def status(**fields: object) -> SyncStatus:
    values: dict[str, object] = {
        "configured": WHERE, "waiting": 0, "failed": 0, "conflicts": 0,
        "last_success_at": AT, "problem": None, "problem_reason": None, "retry_at": None,
        "kind": "tryton",
    }  # fmt: skip
    values.update(fields)
    return SyncStatus(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"configured": None}, SYNC_OFF),
        ({}, SYNC_OK),
        ({"waiting": 3}, SYNC_PENDING),
        ({"waiting": 3, "problem": Problem.UNREACHABLE, "retry_at": AT}, SYNC_PENDING),
        ({"waiting": 3, "problem": Problem.RATE_LIMITED, "retry_at": AT}, SYNC_PENDING),
        ({"waiting": 3, "problem": Problem.NEEDS_PASSWORD}, SYNC_FAILING),
        ({"problem": Problem.SETTINGS, "problem_reason": NO_DATABASE}, SYNC_FAILING),
        ({"problem": Problem.KEYRING}, SYNC_FAILING),
        ({"failed": 1}, SYNC_FAILING),
        ({"conflicts": 2}, SYNC_FAILING),
    ],
)
def test_each_status_is_one_tray_state(fields: dict[str, object], state: str) -> None:
    assert sync_health(status(**fields)).state == state


def test_the_health_carries_what_the_words_need() -> None:
    health = sync_health(
        status(waiting=2, failed=1, problem=Problem.NEEDS_PASSWORD, problem_reason=REFUSED)
    )
    assert (health.pending, health.failed, health.kind) == (2, 1, "tryton")
    assert health.problem == "needs_password" and health.reason == REFUSED
    assert health.last_success_at == AT
