"""Why sync did what it did, as data: a reason code and its parameters, never a sentence.

The sync layer records what happened (trayclock.sync.reasons names the codes: an HTTP status
refused, a line changed in the backend, the keyring locked …) with what it needs to be
said: texts that are data and shown as they are (an HTTP status, a line id, a field name,
the backend's own words verbatim) or reasons of their own (the cause of a refused batch).
The command line says a reason in English, the UI in its language; the store keeps it as
JSON (`to_json`, `from_json`). A message stored as English text by an older trayclock is
the reason STORED_TEXT with that text: shown as it is, in every language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

STORED_TEXT = "as_stored"  # a message kept as text (an older trayclock's): its `text` param
MAX_DEPTH = 4  # reasons inside reasons, at most (a refused batch's cause, a hint)

Param: TypeAlias = "str | SyncReason"


@dataclass(frozen=True, slots=True)
class SyncReason:
    """What happened (`code`) and what fills its words (`params`)."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "params": {
                name: value.as_dict() if isinstance(value, SyncReason) else value
                for name, value in self.params.items()
            },
        }


def as_stored(text: str) -> SyncReason:
    """A message that is only text (stored before reasons were codes)."""
    return SyncReason(STORED_TEXT, {"text": text})


def to_json(reason: SyncReason) -> str:
    return json.dumps(reason.as_dict(), ensure_ascii=False, sort_keys=True)


def from_json(text: str | None) -> SyncReason | None:
    """A stored reason; text that is not one (written by hand, or by an older trayclock) is
    kept as it is (STORED_TEXT), never lost or refused."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return as_stored(text)
    return from_data(data, 0) or as_stored(text)


def from_data(data: Any, depth: int = 0) -> SyncReason | None:
    """A reason from its JSON form (`as_dict`); None when `data` is not one."""
    if depth > MAX_DEPTH or not isinstance(data, dict) or not isinstance(data.get("code"), str):
        return None
    raw = data.get("params", {})
    if not isinstance(raw, dict):
        return None
    params: dict[str, Param] = {}
    for name, value in raw.items():
        if isinstance(value, str):
            params[str(name)] = value
            continue
        inner = from_data(value, depth + 1)
        if inner is None:
            return None
        params[str(name)] = inner
    return SyncReason(data["code"], params)
