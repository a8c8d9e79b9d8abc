"""What one TeamViewer log line says: Connections.txt records, the incoming record's shape,
live-log lines, headers and the outgoing-session messages. Linear in the line's length.

API (used by `trayclock.detect.apps.teamviewer`):
    parse_connection(text) -> ConnectionRecord | None   # partner, start, end, guid (as text)
    is_incoming_record(line) -> bool                    # Connections_incoming.txt's shape
    parse_live_line(text) -> (stamp, message) | None
    parse_header(text) -> (field, value) | None         # "Start:   2024/02/16 … (UTC+1:00)"
    utc_offset(value) -> timezone | None                # of a Start: header's value
    trying_id(msg) / ended_id(msg) -> str | None        # "trying connection to <ID>" …
"""

from __future__ import annotations

from datetime import timedelta, timezone
from typing import NamedTuple

from trayclock.detect.apps.textscan import (
    Shape,
    digit_space_run,
    fraction_end,
    is_name,
    name_run_end,
    only_chars,
)

# Columns padded with spaces to 32 characters: partner ID, start, end, local user (may hold
# spaces), connection type, {GUID}. Read by shape rather than by offset, so a column a
# character wider or narrower (other versions, hand edits) still parses; from the left up to
# the end time, from the right back to the type: every step a find, a slice or a split.
_STAMP = Shape("99-99-9999 99:99:99")
_GUID_WIDTH = 38  # "{" + 36 hex digits and dashes + "}"
_HEX_AND_DASH = "0123456789abcdefABCDEF-"


class ConnectionRecord(NamedTuple):
    """One Connections.txt line's fields that make a session (times as written)."""

    partner: str
    start: str
    end: str
    guid: str


def _skip_spaces(text: str, pos: int) -> int:
    return len(text) - len(text[pos:].lstrip(" "))


def _stamp_then_spaces(text: str, pos: int) -> int | None:
    """The position after a stamp at `pos` and the spaces after it (at least one)."""
    if not _STAMP.fits(text, pos) or text[pos + _STAMP.width : pos + _STAMP.width + 1] != " ":
        return None
    return _skip_spaces(text, pos + _STAMP.width)


def parse_connection(text: str) -> ConnectionRecord | None:
    """The fields of one Connections.txt record (line ends removed), None if it is none.

    `<partner> +<start> +<end> +<user> *<type> +{<guid>}` with trailing white space allowed:
    the partner has no white space, the type is `[A-Za-z][\\w-]*` preceded by a space, the
    user (may be empty) is whatever lies between."""
    first_space = text.find(" ")
    partner = text[:first_space]
    if first_space < 1 or partner.split(None, 1) != [partner]:  # no white space in it
        return None
    start_at = _skip_spaces(text, first_space)
    end_at = _stamp_then_spaces(text, start_at)
    if end_at is None:
        return None
    if not _STAMP.fits(text, end_at):
        return None
    rest = text[end_at + _STAMP.width :]
    body = rest.rstrip()
    if not rest.startswith(" ") or len(body) < _GUID_WIDTH:
        return None
    guid = body[-_GUID_WIDTH:]
    if guid[0] != "{" or guid[-1] != "}" or not only_chars(guid[1:-1], _HEX_AND_DASH):
        return None
    before_guid = body[:-_GUID_WIDTH]
    if not before_guid.endswith(" "):
        return None
    kind = before_guid.rstrip(" ").rpartition(" ")[2]
    if not kind or not kind[0].isascii() or not kind[0].isalpha() or not is_name(kind, "-"):
        return None
    return ConnectionRecord(
        partner,
        text[start_at : start_at + _STAMP.width],
        text[end_at : end_at + _STAMP.width],
        guid,
    )


def is_incoming_record(line: str) -> bool:
    """`ID<TAB>name<TAB>start<TAB>end<TAB>…`: the incoming record's first five fields."""
    fields = line.split("\t", 4)
    return (
        len(fields) == 5
        and bool(fields[0])
        and all(_STAMP.fits(f) and len(f) == _STAMP.width for f in fields[2:4])
    )


# Live-log lines and their header lines ("Start:              2024/02/16 …", also
# "IE                  11.1…").
_LIVE_STAMP = Shape("9999/99/99 99:99:99")
_TRYING = "trying connection to "
_SESSION_TO = "Session to "
_ENDED = "ended"
_UTC_OFFSET = "(UTC"


def parse_live_line(text: str) -> tuple[str, str] | None:
    """(stamp, message) of a live-log line (right-stripped), None if it has not the shape
    `<stamp> <pid> <tid> <tag> <message>`, white space between."""
    if not _LIVE_STAMP.fits(text):
        return None
    stamp_end = fraction_end(text, _LIVE_STAMP.width)
    rest = text[stamp_end:]
    if not rest[:1].isspace():
        return None
    fields = rest.split(None, 3)
    if len(fields) < 4 or not fields[0].isdecimal() or not fields[1].isdecimal():
        return None
    return text[:stamp_end], fields[3]


def parse_header(text: str) -> tuple[str, str] | None:
    """(field, value) of a header line: `<field>: <value>` or `<field>  <value>` (two or more
    white-space characters), the field `[A-Za-z][\\w -]*`, as short as can be."""
    if not text[:1].isascii() or not text[:1].isalpha():
        return None
    name_end = name_run_end(text, 1)  # the field cannot reach past this
    space = text.find(" ", 1, name_end)
    while space >= 0:  # inside the run, only a space can start "two white spaces"
        if text[space + 1 : space + 2].isspace():
            return text[:space], text[space + 1 :].lstrip()
        space = text.find(" ", space + 1, name_end)
    ch, after = text[name_end : name_end + 1], text[name_end + 1 : name_end + 2]
    if (ch == ":" or ch.isspace()) and after.isspace():
        return text[:name_end], text[name_end + 1 :].lstrip()
    return None


def utc_offset(value: str) -> timezone | None:
    """The zone of a `Start:` header's "(UTC+1:00)" / "(UTC-8:00)", if it has one."""
    at = value.find(_UTC_OFFSET)
    while at >= 0:
        pos = at + len(_UTC_OFFSET)
        sign = value[pos : pos + 1]
        hours = value[pos + 1 : pos + 3]
        hours = hours if hours.isdecimal() else hours[:1]
        colon = pos + 1 + len(hours)
        minutes = value[colon + 1 : colon + 3]
        if (
            sign in ("+", "-")
            and hours.isdecimal()
            and value[colon : colon + 1] == ":"
            and len(minutes) == 2
            and minutes.isdecimal()
            and value[colon + 3 : colon + 4] == ")"
        ):
            delta = timedelta(hours=int(hours), minutes=int(minutes))
            if delta < timedelta(hours=24):  # datetime's limit for a fixed offset
                return timezone(-delta if sign == "-" else delta)
        at = value.find(_UTC_OFFSET, at + 1)
    return None


def _spaced_id(msg: str, pos: int) -> str | None:
    """`\\d[\\d ]*\\d` at `pos` (the longest), without its spaces; None if not there."""
    grouped = digit_space_run(msg, pos).rstrip(" ")
    if len(grouped) < 2 or not grouped[0].isdecimal():
        return None
    return grouped.replace(" ", "")


def trying_id(msg: str) -> str | None:
    """The partner ID of "trying connection to <ID>" (digits, maybe grouped by spaces)."""
    at = msg.find(_TRYING)
    while at >= 0:
        found = _spaced_id(msg, at + len(_TRYING))
        if found is not None:
            return found
        at = msg.find(_TRYING, at + 1)
    return None


def ended_id(msg: str) -> str | None:
    """The partner ID of "Session to <ID> ended"."""
    at = msg.find(_SESSION_TO)
    while at >= 0:
        pos = at + len(_SESSION_TO)
        run = digit_space_run(msg, pos)
        # The ID ends at a digit and " ended" follows: the run's one trailing space is that
        # space ("ended" itself is no digit or space, so the run stops right before it).
        grouped = run[:-1]
        if (
            run.endswith(" ")
            and msg.startswith(_ENDED, pos + len(run))
            and len(grouped) >= 2
            and grouped[0].isdecimal()
            and grouped[-1].isdecimal()
        ):
            return grouped.replace(" ", "")
        at = msg.find(_SESSION_TO, at + 1)
    return None
