"""describe_line: the words every backend's line carries, ending with the idempotency marker."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.sync.samples import ENTRY_UUID, sample_line
from trayclock.sync.backend import describe_line, marker


def test_a_line_says_ticket_notes_partner_exact_local_span_and_price() -> None:
    words = describe_line(sample_line(explanation=("minimum charge: 60 min",)))
    assert words.splitlines() == [
        "Ticket T-1042",
        "Printer driver reinstalled",
        "anydesk 123456789 (Reception PC)",
        "2026-03-02 10:00–11:30 CET",
        "billed 90 min, 135.00 EUR",
        "minimum charge: 60 min",
        f"[trayclock:{ENTRY_UUID}]",
    ]


def test_a_bare_line_past_midnight_keeps_both_dates_and_the_marker_last() -> None:
    late = sample_line(
        ticket=None,
        notes="  ",
        partner=None,
        start=datetime(2026, 7, 1, 21, 30, tzinfo=UTC),  # 23:30 CEST
        end=datetime(2026, 7, 1, 22, 45, tzinfo=UTC),  # 00:45 the next day
    )
    assert describe_line(late).splitlines() == [
        "2026-07-01 23:30–2026-07-02 00:45 CEST",
        "billed 90 min, 135.00 EUR",
        marker(ENTRY_UUID),
    ]
