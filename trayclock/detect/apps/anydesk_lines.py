"""What one AnyDesk trace line says: its fields (either layout), the restart separator, and
the messages that open, run and close an outgoing session. Linear in the line's length.

API (used by `trayclock.detect.apps.anydesk`):
    parse_trace_line(text) -> TraceLine | None   # date, time, role, pid, tid, fiber, logger, msg
    is_restart_separator(text) -> bool          # " * * * * …"
    request_address(msg) / connecting_address(msg) / frontend_address(msg) -> str | None
    is_closed(msg) / is_frontend_running(msg) -> bool
"""

from __future__ import annotations

from typing import NamedTuple

from trayclock.detect.apps.textscan import (
    Shape,
    after_prefix,
    fraction_end,
    is_name,
    is_word_char,
    only_chars,
)

# level (right-aligned), date, time (UTC, no zone), role, [thread name], pid, tid, [fiber],
# logger " - " message. The thread-name column exists only in newer builds (Linux 6.3+, 7.x).
# Read as: the first " - " ends the header (no header field can be a lone "-"), the header
# splits at white space, and each field is told by its shape: O(line length).
_DATE = Shape("9999-99-99")
_TIME = Shape("99:99:99")
_LOGGER_SEPARATOR = " - "

_OUTGOING_REQUEST = "Received outgoing connection request for address "
_CONNECTING = '1: Connecting to "'
_CLOSED = "Session closed by "
_FRONTEND_REQUEST = "Sending a connection request for address "
_FRONTEND_RUNNING = "Session started"


class TraceLine(NamedTuple):
    """The fields of one trace line (times as written; `fiber` None in lines without one)."""

    date: str
    time: str
    role: str
    pid: str
    tid: str
    fiber: str | None
    logger: str
    msg: str


def _is_time(token: str) -> bool:
    """`HH:MM:SS` with an optional fraction of one to six digits."""
    return _TIME.fits(token) and fraction_end(token, _TIME.width) == len(token)


def parse_trace_line(text: str) -> TraceLine | None:
    """One trace line's fields, or None when it has not the trace shape."""
    sep = text.find(_LOGGER_SEPARATOR)
    if sep < 1 or text[sep - 1].isspace():
        return None
    fields = text[:sep].split()
    if not 7 <= len(fields) <= 9:
        return None
    level, date, time, role = fields[:4]
    if not (level.isascii() and level.isalpha()) or len(date) != _DATE.width:
        return None
    if not _DATE.fits(date) or not _is_time(time) or not is_name(role, "-"):
        return None
    at = 5 if is_name(fields[4], "-") else 4  # the thread-name column, in newer builds
    rest = fields[at:]
    if len(rest) == 4:
        pid, tid, fiber, logger = rest
        if not fiber.isdecimal():
            return None
    elif len(rest) == 3:
        (pid, tid, logger), fiber = rest, None
    else:
        return None
    if not pid.isdecimal() or not tid.isdecimal() or not is_name(logger, "."):
        return None
    return TraceLine(date, time, role, pid, tid, fiber, logger, text[sep + 3 :])


def is_restart_separator(text: str) -> bool:
    """A line of three or more "*", white space between allowed: the service restarted."""
    stars = "".join(text.split())
    return len(stars) >= 3 and only_chars(stars, "*")


def request_address(msg: str) -> str | None:
    """The address of "Received outgoing connection request for address <addr> (direct).":
    the shortest <addr> after which only an optional " (…)" and an optional "." remain."""
    rest = after_prefix(msg, _OUTGOING_REQUEST)
    if not rest:
        return None
    size = len(rest)
    close = size - 1 if rest.endswith(")") else size - 2 if rest.endswith(").") else -1
    if close > 0:
        inner_close = rest.rfind(")", 0, close)  # "(…)" holds no ")": it opens after this
        opening = rest.find(" (", max(1, inner_close + 1), close)
        if opening >= 1:
            return rest[:opening]
    if rest.endswith(".") and size >= 2:
        return rest[:-1]
    return rest


def connecting_address(msg: str) -> str | None:
    """The address of '1: Connecting to "<addr>"'."""
    rest = after_prefix(msg, _CONNECTING)
    if rest is None:
        return None
    quote = rest.find('"')
    return rest[:quote] if quote >= 1 else None


def is_closed(msg: str) -> bool:
    """ "Session closed by <who>: <reason>" (<who> without ":")."""
    rest = after_prefix(msg, _CLOSED)
    if rest is None:
        return False
    colon = rest.find(":")
    return colon >= 1 and rest[colon + 1 : colon + 2] == " "


def frontend_address(msg: str) -> str | None:
    """The address of "Sending a connection request for address <addr>."."""
    rest = after_prefix(msg, _FRONTEND_REQUEST)
    if not rest:
        return None
    return rest[:-1] if rest.endswith(".") and len(rest) >= 2 else rest


def is_frontend_running(msg: str) -> bool:
    """ "Session started" as a whole word at the start of the message."""
    rest = after_prefix(msg, _FRONTEND_RUNNING)
    return rest is not None and not (rest and is_word_char(rest[0]))
