"""What the per-app modules share: the window-match result and partner-label parsing.

API (used by the monitor through `trayclock.detect.apps.registry`):
    WindowMatch(app, partner_id, partner_name, label, host=None)
    split_partner_label(label) -> (partner_id | None, partner_name | None)
    normalise_partner_id(text) -> str | None     # "123 456 789" → "123456789", IPs kept
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Protocol

# An ID as the apps show it: plain digits, or digits grouped by spaces (also no-break spaces,
# which Windows UIs use for grouping). Labels come from window titles and log lines: read
# with str methods only, in time linear in their length.
_GROUP_SEPARATORS = " \u00a0\u202f"
_PLAIN_ID_DIGITS = range(6, 13)


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


def _is_grouped_id(value: str) -> bool:
    """1-4 digits, then one or more groups of a separator and 3 digits ("123 456 789")."""
    for separator in _GROUP_SEPARATORS[1:]:
        value = value.replace(separator, " ")
    groups = value.split(" ")
    return (
        len(groups) >= 2
        and 1 <= len(groups[0]) <= 4
        and all(len(group) == 3 for group in groups[1:])
        and all(group.isdecimal() for group in groups)
    )


def _has_port_suffix_of_ip(value: str) -> bool:
    """ "<IP address>:<1-5 digits>"."""
    host, colon, port = value.rpartition(":")
    return bool(host and colon) and 1 <= len(port) <= 5 and port.isdecimal() and _is_ip(host)


def normalise_partner_id(text: str) -> str | None:
    """The partner ID in `text` as digits only, or an IP address (with port) as written.

    None when `text` is not an ID (an alias, a host name).
    """
    value = text.strip()
    if len(value) in _PLAIN_ID_DIGITS and value.isdecimal():
        return value
    if _is_grouped_id(value):
        return "".join(ch for ch in value if ch.isdecimal())
    if _is_ip(value) or _has_port_suffix_of_ip(value):
        return value
    return None


def _name_with_id(value: str) -> tuple[str, str] | None:
    """ "Alias (123 456 789)" → ("Alias", "123 456 789"): a name, then the ID (6 or more
    digits and group separators) in trailing parentheses. `value` is stripped."""
    if not value.endswith(")"):
        return None
    opening = value.rfind("(")  # the ID holds no "(": its parenthesis is the last one
    inner = value[opening + 1 : -1]
    if opening < 1 or len(inner) < 6 or not _is_id_text(inner):
        return None
    name = value[:opening].rstrip()
    return (name, inner) if "\n" not in name else None


def _is_id_text(text: str) -> bool:
    """Only decimal digits and group separators."""
    for separator in _GROUP_SEPARATORS:
        text = text.replace(separator, "")
    return text == "" or text.isdecimal()


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
    with_id = _name_with_id(value)
    if with_id is not None:
        inner = normalise_partner_id(with_id[1])
        if inner is not None:
            return inner, with_id[0].strip()
    return None, value


class WindowMatcher(Protocol):
    """The per-app `match_window` function."""

    def __call__(
        self, title: str, wm_class: str | None, *, platform: str | None = None
    ) -> WindowMatch | None: ...
