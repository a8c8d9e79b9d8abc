"""The letters the scripted technician types, on the virtual desktop's keyboard map.

Xvfb's keymap is a US one: "ü", "é", "ß" are on no key. `xdotool type` then binds such a
letter to a spare keycode for the moment of one key press and unbinds it right after; a
client that reads the key press before it has taken in the new mapping (Qt on a busy
machine) sees a key without a letter, and the letter is dropped: the full week stored
"Café Mller" for "Café Müller". So every letter the technician will type is given a spare
keycode of its own once, before the tray starts, and stays there: xdotool then finds it in
the mapping and presses that key, which every client already knows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

LATIN1_LAST = 0xFF  # Latin-1 letters' keysyms are their code points
UNICODE_KEYSYM = 0x01000000  # any other letter's keysym: this plus its code point


def keysym_of(letter: str) -> int:
    """The X keysym that types `letter` (X11's keysymdef.h: Latin-1, else Unicode)."""
    point = ord(letter)
    return point if 0x20 <= point <= LATIN1_LAST else UNICODE_KEYSYM + point


def _pair(letter: str) -> tuple[int, int]:
    """The keysyms of a key for `letter`: without and with Shift (ß has no one-letter
    capital: Shift types ß too)."""
    lower, upper = letter.lower(), letter.upper()
    if len(lower) != 1:
        lower = letter
    if len(upper) != 1:
        upper = lower
    return keysym_of(lower), keysym_of(upper)


class KeymapFull(RuntimeError):
    """The keyboard map has fewer spare keycodes than letters to place."""


def missing_letters(display: Any, texts: Iterable[str]) -> list[str]:
    """The letters of `texts` that no key of the display's current map types."""
    first = display.display.info.min_keycode
    count = display.display.info.max_keycode - first + 1
    held = {sym for row in display.get_keyboard_mapping(first, count) for sym in row if sym}
    wanted = sorted({ch for text in texts for ch in text if not ch.isascii()})
    return [ch for ch in wanted if keysym_of(ch) not in held]


def place_letters(display: Any, texts: Iterable[str]) -> list[str]:
    """Give every non-ASCII letter of `texts` that no key types yet a spare keycode of its
    own (a letter and its capital on one key), for good. Returns the letters placed."""
    texts = list(texts)
    first = display.display.info.min_keycode
    count = display.display.info.max_keycode - first + 1
    mapping = display.get_keyboard_mapping(first, count)
    spare = [first + i for i, row in enumerate(mapping) if not any(row)]
    keys: dict[tuple[int, int], str] = {}
    for letter in missing_letters(display, texts):
        keys.setdefault(_pair(letter), letter)
    if len(keys) > len(spare):
        raise KeymapFull(f"{len(keys)} letters to place, {len(spare)} spare keycodes")
    # From the top: the low spare keycodes are the ones other tools (xdotool) borrow.
    for code, pair in zip(reversed(spare), keys, strict=False):
        display.change_keyboard_mapping(code, [list(pair)])
    display.sync()
    return sorted(keys.values())
