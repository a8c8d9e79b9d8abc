"""What one RustDesk client-log line says: its stamp and message, the session start and
exit lines, PeerInfo's fields, and which open peer IDs a message names. Linear in the line's
length, however many peers are open.

API (used by `trayclock.detect.apps.rustdesk`):
    parse_log_line(text) -> LogLine | None       # stamp with offset (ISO text), message
    started_id(msg) / exit_id(msg) -> str | None # "Session <id> start" / "Exit io_loop of id="
    is_peer_info(msg) -> bool; peer_fields(msg) -> {"username": …, "hostname": …}
    mentioned_ids(msg, plain, exotic) -> set[str]
    is_plain_id(partner) -> bool                 # word characters and dots only
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from trayclock.detect.apps.textscan import (
    Shape,
    after_prefix,
    fraction_end,
    is_word_char,
    skip_white_space,
    word_or_dot_runs,
)

# "[2026-03-28 23:55:10.000001 +01:00] INFO [src/client.rs:1] message": fixed-width stamp and
# offset, then the level, the source in brackets and the message, read left to right.
_STAMP = Shape("9999-99-99 99:99:99")
_OFFSET = Shape("99:99")  # after its sign
_START = "Session "
_START_WORD = " start"
_EXIT = "Exit io_loop of id="
_PEER_INFO = "handle_peer_info"
_PEER_INFO_OPEN = "PeerInfo {"
_FIELD_NAMES = ("username", "hostname")
# A peer ID is looked up, not searched for: the IDs that a line names are its runs of word
# characters and dots (numeric IDs, IP addresses, host names), each one dictionary lookup.
# IDs with other characters (IPv6, "id@server") are searched for in the line, the newest
# this many only, so a line costs O(length) however many sessions are open.
EXOTIC_ID_SCAN_MAX = 32
# A mention of an ID longer than this is not looked for (the Exit and start lines still
# name it exactly).
MENTION_ID_MAX = 64


class LogLine(NamedTuple):
    """One client-log line: its stamp with offset (ISO text) and its message."""

    stamp: str
    msg: str


def parse_log_line(text: str) -> LogLine | None:
    """`[<stamp> <offset>] <LEVEL> [<source>] <message>`, or None."""
    if not text.startswith("[") or not _STAMP.fits(text, 1):
        return None
    stamp_end = fraction_end(text, 1 + _STAMP.width)
    sign_at = stamp_end + 1
    if text[stamp_end:sign_at] != " " or text[sign_at : sign_at + 1] not in ("+", "-"):
        return None
    level_at = sign_at + 1 + _OFFSET.width + 2
    if not _OFFSET.fits(text, sign_at + 1) or text[level_at - 2 : level_at] != "] ":
        return None
    level_end = text.find(" ", level_at)
    level = text[level_at:level_end] if level_end > level_at else ""
    if not (level.isascii() and level.isalpha() and level.isupper()):
        return None
    if text[level_end + 1 : level_end + 2] != "[":
        return None
    source_end = text.find("]", level_end + 2)
    if source_end < 0 or text[source_end + 1 : source_end + 2] != " ":
        return None
    return LogLine(text[1:stamp_end] + text[sign_at : level_at - 2], text[source_end + 2 :])


def _first_token(text: str) -> str:
    """`\\S+` at the start of `text` (maybe empty)."""
    if not text or text[0].isspace():
        return ""
    return text.split(None, 1)[0]


def started_id(msg: str) -> str | None:
    """The ID of "Session <id> start…" ("start" a whole word)."""
    rest = after_prefix(msg, _START)
    if rest is None:
        return None
    partner = _first_token(rest)
    if not partner or not rest.startswith(_START_WORD, len(partner)):
        return None
    follows = rest[len(partner) + len(_START_WORD) :][:1]
    return None if follows and is_word_char(follows) else partner


def exit_id(msg: str) -> str | None:
    """The ID of "Exit io_loop of id=<id>"."""
    rest = after_prefix(msg, _EXIT)
    if rest is None:
        return None
    return _first_token(rest) or None


def is_peer_info(msg: str) -> bool:
    """ "handle_peer_info :PeerInfo {" (white space around the colon allowed)."""
    at = msg.find(_PEER_INFO)
    while at >= 0:
        colon = skip_white_space(msg, at + len(_PEER_INFO))
        if msg.startswith(":", colon) and msg.startswith(
            _PEER_INFO_OPEN, skip_white_space(msg, colon + 1)
        ):
            return True
        at = msg.find(_PEER_INFO, at + 1)
    return False


def _closing_quote(text: str, pos: int) -> int:
    """The first double quote at or after `pos` not escaped by a backslash; -1 if none.

    A quote is escaped when an odd run of backslashes precedes it; a string body starts
    after a quote, so that run never reaches before `pos`, and each run is counted once."""
    quote = text.find('"', pos)
    while quote >= 0:
        run = quote
        while run > pos and text[run - 1] == "\\":
            run -= 1
        if (quote - run) % 2 == 0:
            return quote
        quote = text.find('"', quote + 1)
    return -1


def peer_fields(msg: str) -> dict[str, str]:
    """`username: "…"` and `hostname: "…"` of a PeerInfo line (the last of each wins; a
    field name must start a word; backslash escapes are kept as written)."""
    fields: dict[str, str] = {}
    openers = {name: f'{name}: "' for name in _FIELD_NAMES}
    next_at = {name: msg.find(opener) for name, opener in openers.items()}
    pos = 0
    while True:
        hits = [(at, name) for name, at in next_at.items() if at >= 0]
        if not hits:
            return fields
        at, name = min(hits)
        body = at + len(openers[name])
        if at > 0 and is_word_char(msg[at - 1]):
            pos = at + 1  # inside a longer word: not this field
        else:
            close = _closing_quote(msg, body)
            if close < 0:
                return fields  # unclosed: no later value can close either
            fields[name] = msg[body:close]
            pos = close + 1
        for other, other_at in next_at.items():
            if 0 <= other_at < pos:
                next_at[other] = msg.find(openers[other], pos)


def mentioned_ids(msg: str, plain: Mapping[str, object], exotic: Sequence[str]) -> set[str]:
    """The open peer IDs that `msg` names as a whole word: not inside a longer number or
    address ("id:" before it, ":port" or a full stop after it are fine).

    `plain` IDs (word characters and dots only) are found by looking up the line's runs of
    such characters; `exotic` IDs by searching the line for them."""
    found: set[str] = set()
    if plain:
        for run in word_or_dot_runs(msg):
            # The run itself, or the run cut before a dot that no word character follows.
            if len(run) <= MENTION_ID_MAX and run in plain:
                found.add(run)
            dot = run.find(".", 0, MENTION_ID_MAX + 1)
            while dot >= 0:
                after = run[dot + 1 : dot + 2]
                if (not after or after == ".") and run[:dot] in plain:
                    found.add(run[:dot])
                dot = run.find(".", dot + 1, MENTION_ID_MAX + 1)
    for partner in exotic:
        at = msg.find(partner)
        while at >= 0:
            end = at + len(partner)
            before = msg[at - 1] if at > 0 else ""
            after, then = msg[end : end + 1], msg[end + 1 : end + 2]
            if not (before and (is_word_char(before) or before == ".")) and not (
                after and (is_word_char(after) or (after == "." and then and is_word_char(then)))
            ):
                found.add(partner)
                break
            at = msg.find(partner, at + 1)
    return found


def is_plain_id(partner: str) -> bool:
    return all(is_word_char(ch) or ch == "." for ch in partner)
