"""What the per-app modules share: the window-match result and partner-label parsing.

API (used by the monitor through `trayclock.detect.apps.registry`):
    WindowMatch(app, partner_id, partner_name, label, host=None)
    split_partner_label(label) -> (partner_id | None, partner_name | None)
    normalise_partner_id(text) -> str | None     # "123 456 789" → "123456789", IPs kept
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Protocol

# An ID as the apps show it: plain digits, or digits grouped by spaces (also no-break spaces,
# which Windows UIs use for grouping).
_GROUPED_ID = re.compile(r"^\d{1,4}(?:[ \u00a0\u202f]\d{3})+$")
_PLAIN_ID = re.compile(r"^\d{6,12}$")
# "Alias (123 456 789)": a name with the ID in trailing parentheses.
_NAME_WITH_ID = re.compile(r"^(?P<name>.+?)\s*\((?P<id>[\d \u00a0\u202f]{6,})\)$")
_PORT_SUFFIX = re.compile(r"^(?P<host>.+):(?P<port>\d{1,5})$")


@dataclass(frozen=True, slots=True)
class WindowMatch:
    """A window that is an outgoing session window of `app`.

    `partner_id` is digits only (or an IP address for RustDesk), None when the title shows
    an alias or name; `partner_name` is that alias/name, or None. `label` is the raw title
    part that named the partner; `host` the `@host` suffix (RustDesk), if shown.
    """

    app: str
    partner_id: str | None
    partner_name: str | None
    label: str
    host: str | None = None


def _is_ip(text: str) -> bool:
    candidate = text.strip("[]")
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def normalise_partner_id(text: str) -> str | None:
    """The partner ID in `text` as digits only, or an IP address (with port) as written.

    None when `text` is not an ID (an alias, a host name).
    """
    value = text.strip()
    if _PLAIN_ID.match(value):
        return value
    if _GROUPED_ID.match(value):
        return re.sub(r"\D", "", value)
    if _is_ip(value):
        return value
    port = _PORT_SUFFIX.match(value)
    if port and _is_ip(port.group("host")):
        return value
    return None


def split_partner_label(label: str) -> tuple[str | None, str | None]:
    """(partner_id, partner_name) from a title's partner part.

    "123 456 789" → ("123456789", None); "Alice PC" → (None, "Alice PC");
    "Alice PC (123 456 789)" → ("123456789", "Alice PC").
    """
    value = label.strip()
    if not value:
        return None, None
    partner_id = normalise_partner_id(value)
    if partner_id is not None:
        return partner_id, None
    with_id = _NAME_WITH_ID.match(value)
    if with_id:
        inner = normalise_partner_id(with_id.group("id"))
        if inner is not None:
            return inner, with_id.group("name").strip()
    return None, value


class WindowMatcher(Protocol):
    """The per-app `match_window` function."""

    def __call__(
        self, title: str, wm_class: str | None, *, platform: str | None = None
    ) -> WindowMatch | None: ...
