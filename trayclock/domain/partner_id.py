"""Partner IDs as people write them: shown one way everywhere ("123 456 789"), and read from a
list such as `anydesk:111 222 333 teamviewer:1 234 567 890`.

Stored IDs are as detection records them: digits only for the numeric IDs (groups joined),
anything else (a RustDesk address, an AnyDesk alias) as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GROUP_DIGITS = 3
MIN_GROUPED_DIGITS = 5  # "1234" reads fine as it is
_SHOWN_CHARS = 40  # of a bad token, in a problem line
_SEPARATORS = re.compile(r"[\s,;|]+")  # \s: no-break spaces too, as Windows groups digits


def group_id(partner_id: str) -> str:
    """Long numeric IDs in groups of three from the right, as the remote tools show them
    (123 456 789, 1 234 567 890); any other ID as it is."""
    if partner_id.isascii() and partner_id.isdigit() and len(partner_id) >= MIN_GROUPED_DIGITS:
        head = len(partner_id) % GROUP_DIGITS or GROUP_DIGITS
        groups = [partner_id[:head]] + [
            partner_id[i : i + GROUP_DIGITS] for i in range(head, len(partner_id), GROUP_DIGITS)
        ]
        return " ".join(groups)
    return partner_id


@dataclass(frozen=True, slots=True)
class PartnerList:
    partners: list[tuple[str, str]]  # (app, stored ID)
    problems: list[str]  # one per token that is not app:ID


def parse_partner_list(text: str, apps: tuple[str, ...]) -> PartnerList:
    """`app:ID` items separated by spaces, commas, semicolons or bars; digit groups after a
    numeric ID belong to it (`anydesk:111 222 333` is one ID). App names ignore case."""
    partners: list[tuple[str, str]] = []
    problems: list[str] = []
    for token in _SEPARATORS.split(text.strip()):
        if not token:
            continue
        app, colon, partner_id = token.partition(":")
        if colon and app.lower() in apps:
            partners.append((app.lower(), partner_id))
        elif partners and token.isascii() and token.isdigit() and _numeric(partners[-1][1]):
            last_app, last_id = partners[-1]
            partners[-1] = (last_app, last_id + token)
        else:
            problems.append(f"{token[:_SHOWN_CHARS]!r} is not app:ID (apps: {', '.join(apps)})")
    for app, partner_id in partners:
        if not partner_id:
            problems.append(f"'{app}:' has no ID")
    return PartnerList([p for p in partners if p[1]], problems)


def _numeric(partner_id: str) -> bool:
    """An ID digit groups may still join: digits so far, or nothing yet (`anydesk: 123 …`)."""
    return partner_id == "" or (partner_id.isascii() and partner_id.isdigit())
