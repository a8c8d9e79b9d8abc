"""A sync reason is data: it goes into the store as JSON and comes back equal, reasons
inside it too; what is not a reason comes back as the text it is, and a reason nested
beyond reason is refused as a reason (kept as text), never followed without end."""

from __future__ import annotations

import json

from trayclock.domain.sync_reason import (
    MAX_DEPTH,
    STORED_TEXT,
    SyncReason,
    as_stored,
    from_json,
    to_json,
)


def test_a_reason_and_its_nested_reasons_round_trip() -> None:
    cause = SyncReason("backend_said", {"said": 'The value "Ä" is not valid.'})
    batch = SyncReason("tryton_batch_refused", {"count": "3", "cause": cause})
    text = to_json(batch)
    assert "Ä" in text  # kept readable in an SQLite shell
    assert from_json(text) == batch
    assert json.loads(text)["params"]["cause"]["code"] == "backend_said"


def test_old_text_is_the_reason_as_stored() -> None:
    assert as_stored("HTTP 502") == SyncReason(STORED_TEXT, {"text": "HTTP 502"})
    assert from_json("HTTP 502") == as_stored("HTTP 502")
    assert from_json('{"code": "x", "params": {"n": 5}}') == as_stored(
        '{"code": "x", "params": {"n": 5}}'
    )


def test_nesting_is_bounded() -> None:
    deep: dict[str, object] = {"code": "leaf", "params": {}}
    for _ in range(MAX_DEPTH + 2):
        deep = {"code": "wrap", "params": {"inner": deep}}
    text = json.dumps(deep)
    assert from_json(text) == as_stored(text)
