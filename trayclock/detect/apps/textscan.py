"""Linear-time pieces for reading log lines: fixed-width stamps, digit runs, prefixes, tokens.

Every log-line parser is built from these and from `str` methods (find, split, partition,
slicing), never from a regex that can backtrack: a line's cost is linear in its length and
a line longer than MAX_LINE_CHARS is not looked at (see `SessionLogParser.feed`). The
regexes here are one character class each (at most bounded by a count), matched greedily with
nothing after it, so they cannot backtrack.

API:
    MAX_LINE_CHARS                      # longest line a parser looks at (characters)
    Shape(template) / Shape.fits(text, start=0) -> bool   # "9999-99-99": 9 = any \\d digit
    fraction_end(text, pos) -> int      # after an optional ".d{1,6}" at pos
    digit_space_run(text, pos) -> str   # the run of digits and spaces at pos
    skip_white_space(text, pos) -> int  # the first non-white-space position at/after pos
    name_run_end(text, pos) -> int      # after the run of \\w, " " and "-" at pos
    word_or_dot_runs(text) -> list[str] # maximal runs of \\w and "." characters
    is_word_char(ch) -> bool            # regex \\w
    is_name(token, extra) -> bool       # [A-Za-z_][\\w<extra>]*
    only_chars(text, allowed) -> bool
    after_prefix(text, prefix) -> str | None
"""

from __future__ import annotations

import re
from functools import lru_cache

# Real lines are a few hundred characters (RustDesk's PeerInfo line a few KiB); anything
# longer is corrupt or hostile and skipped whole, so no line can cost more than this.
MAX_LINE_CHARS = 16 * 1024

_DIGIT_SPACE_RUN = re.compile(r"[\d ]*")
_UP_TO_7_DIGITS = re.compile(r"\d{0,7}")
_WHITE_SPACE_RUN = re.compile(r"\s*")
_WORD_OR_DOT_RUN = re.compile(r"[\w.]+")
_HEADER_NAME_RUN = re.compile(r"[\w -]*")


_ASCII_DIGITS_AS_9 = str.maketrans("012345678", "999999999")


class Shape:
    """A fixed-width text shape: "9" stands for one decimal digit (like regex \\d), every
    other character for itself. `fits` compares character by character: O(width)."""

    __slots__ = ("_digits", "_literals", "_template", "width")

    def __init__(self, template: str) -> None:
        self.width = len(template)
        self._template = template
        self._literals = tuple((i, ch) for i, ch in enumerate(template) if ch != "9")
        self._digits = tuple(i for i, ch in enumerate(template) if ch == "9")

    def fits(self, text: str, start: int = 0) -> bool:
        if start < 0 or len(text) < start + self.width:
            return False
        part = text[start : start + self.width]
        if part.isascii():  # the usual case: one translation and one comparison
            return part.translate(_ASCII_DIGITS_AS_9) == self._template
        for offset, ch in self._literals:
            if part[offset] != ch:
                return False
        return "".join(part[i] for i in self._digits).isdecimal()


def fraction_end(text: str, pos: int) -> int:
    """Where an optional fraction ".d{1,6}" at `pos` ends (`pos` itself when there is none).

    As the regex `(?:\\.\\d{1,6})?` followed by a non-digit: seven or more digits are no
    fraction (the caller's next check then fails on the ".", as the regex would)."""
    if not text.startswith(".", pos):
        return pos
    digits = _UP_TO_7_DIGITS.match(text, pos + 1)
    count = digits.end() - pos - 1 if digits is not None else 0
    return pos + 1 + count if 1 <= count <= 6 else pos


def digit_space_run(text: str, pos: int) -> str:
    """The longest run of decimal digits and spaces starting at `pos` (maybe empty)."""
    found = _DIGIT_SPACE_RUN.match(text, pos)
    return found.group() if found is not None else ""


def skip_white_space(text: str, pos: int) -> int:
    """The position of the first non-white-space character at or after `pos`."""
    found = _WHITE_SPACE_RUN.match(text, pos)
    return found.end() if found is not None else pos


def name_run_end(text: str, pos: int) -> int:
    """Where the run of word characters, spaces and "-" starting at `pos` ends."""
    found = _HEADER_NAME_RUN.match(text, pos)
    return found.end() if found is not None else pos


def word_or_dot_runs(text: str) -> list[str]:
    """The maximal runs of word characters (regex \\w) and dots, in order."""
    return _WORD_OR_DOT_RUN.findall(text)


def is_word_char(ch: str) -> bool:
    """Regex \\w for one character: alphanumeric (str.isalnum) or "_"."""
    return ch.isalnum() or ch == "_"


def is_name(token: str, extra: str = "") -> bool:
    """`[A-Za-z_][\\w<extra>]*`: an ASCII letter or "_" first, then word characters or any of
    `extra`."""
    if len(token) <= _CACHED_NAME_MAX:
        return _is_short_name(token, extra)
    return _is_name(token, extra)


# Role, thread and logger names repeat on almost every line: remember the verdict on short
# ones (the cache holds at most _NAME_CACHE_SIZE of at most _CACHED_NAME_MAX characters).
_CACHED_NAME_MAX = 64
_NAME_CACHE_SIZE = 4096


def _is_name(token: str, extra: str) -> bool:
    if not token:
        return False
    first = token[0]
    if not (first == "_" or (first.isascii() and first.isalpha())):
        return False
    rest = token[1:]
    for ch in extra + "_":
        rest = rest.replace(ch, "a")
    return not rest or rest.isalnum()


_is_short_name = lru_cache(maxsize=_NAME_CACHE_SIZE)(_is_name)


def only_chars(text: str, allowed: str) -> bool:
    """True when every character of `text` is one of `allowed` (also for "")."""
    return not text.strip(allowed)


def after_prefix(text: str, prefix: str) -> str | None:
    """What follows `prefix` at the start of `text`, or None when `text` does not start so."""
    return text[len(prefix) :] if text.startswith(prefix) else None
