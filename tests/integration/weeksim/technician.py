"""The technician's hands on the real desktop: answering or putting off trayclock's attach
prompt with the mouse and keyboard (xdotool), and the ordinary input of someone working in a
remote session (XTest pointer motion, so the desktop's idle counter does not grow).

The names it will type are given to it first: their letters beyond ASCII get keys of their
own on the desktop's keyboard map (weeksim/keymap.py), so a name arrives as typed; a name
with a letter it was not given is refused, never typed altered."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from Xlib import X
from Xlib.display import Display
from Xlib.error import XError
from Xlib.ext import xtest

from tests.integration.weeksim.keymap import missing_letters, place_letters

PROMPT_TITLE = "Which customer"  # the prompt's window title, "Which customer?"
SEARCH_FIELD_XY = (200, 76)  # the customer field, from the prompt's top left (as the desktop test)
TYPE_DELAY_MS = 8
FRAME_DEPTH = 2
REAL_TIMEOUT_S = 30.0
FOCUS_LOOK_REAL_S = 0.05  # how often the tech looks whether the field took the keyboard
FOCUS_WAIT_REAL_S = 3.0  # then clicks into it again
FOCUS_CLICKS = 5


class UntypableName(ValueError):
    """A name with letters the desktop's keyboard map has no key for."""


class Technician:
    def __init__(self, env: Mapping[str, str], rate: float, names: Iterable[str] = ()) -> None:
        """`names`: every name this technician may type (their letters get keys now, before
        any window that will read them is waiting for a key)."""
        self.env = dict(env)
        self._rate = rate
        self._timeout_s = REAL_TIMEOUT_S * rate  # subprocess timeouts run on the fast clock
        self._display = Display(self.env["DISPLAY"])
        self._net_wm_name = self._display.intern_atom("_NET_WM_NAME")
        self._wiggle = 1
        self.letters_placed = place_letters(self._display, names)

    def _xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=self._timeout_s,
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    def prompt_window(self) -> str | None:
        """The attach prompt's window id if it is on screen (looked up in-process: a
        process per look costs real milliseconds, seconds on the fast clock)."""
        found = self._find(self._display.screen().root, depth=0)
        return None if found is None else str(found)

    def _find(self, window: Any, depth: int) -> int | None:
        try:
            tree = window.query_tree()
        except XError:
            return None
        for child in tree.children:
            try:
                mapped = child.get_attributes().map_state == X.IsViewable
                name = child.get_full_property(self._net_wm_name, 0)
            except XError:
                continue
            if not mapped:
                continue
            title = name.value.decode("utf-8", "replace") if name is not None else ""
            if PROMPT_TITLE in title:
                return int(child.id)
            if depth < FRAME_DEPTH:  # the window manager's frames hold the clients
                deeper = self._find(child, depth + 1)
                if deeper is not None:
                    return deeper
        return None

    def _into_field(self, window: str) -> None:
        geometry = dict(
            line.split("=", 1)
            for line in self._xdotool("getwindowgeometry", "--shell", window).splitlines()
            if "=" in line
        )
        x = int(geometry["X"]) + SEARCH_FIELD_XY[0]
        y = int(geometry["Y"]) + SEARCH_FIELD_XY[1]
        self._xdotool("mousemove", str(x), str(y), "click", "1")

    def _has_keyboard(self, window: str) -> bool:
        """The X input focus is on `window` or one of its children."""
        wanted, root = int(window), self._display.screen().root.id
        try:
            focus = self._display.get_input_focus().focus
            while not isinstance(focus, int) and focus.id != root:  # int: None or PointerRoot
                if focus.id == wanted:
                    return True
                focus = focus.query_tree().parent
        except XError:
            return False
        return False

    def _click_until_focused(self, window: str) -> bool:
        """Click into the customer field and wait, as a person does, until the cursor shows
        in it: the prompt refuses the keyboard until that click, and the window manager
        hands it over a moment later (seconds on a loaded machine). Keys typed before that
        go to another window: "Lima Labor" arrived as "Labor". Clicks again if it does not."""
        for _ in range(FOCUS_CLICKS):
            self._into_field(window)
            deadline = time.monotonic() + FOCUS_WAIT_REAL_S * self._rate
            while time.monotonic() < deadline:
                if self._has_keyboard(window):
                    return True
                time.sleep(FOCUS_LOOK_REAL_S * self._rate)  # the fast clock: real seconds
        return False

    def answer(self, window: str, customer: str) -> bool:
        """Click into the prompt's customer field, wait for the keyboard, type the name
        (over anything in the field), Enter (attach). False: the field never took the
        keyboard, nothing typed. UntypableName for a name it was not given."""
        missing = missing_letters(self._display, [customer])
        if missing:
            raise UntypableName(f"{customer!r}: no key types {''.join(missing)!r}")
        if not self._click_until_focused(window):
            return False
        self._xdotool("key", "ctrl+a")
        self._xdotool("type", "--delay", str(TYPE_DELAY_MS), customer)
        self._xdotool("key", "Return")
        return True

    def later(self, window: str) -> None:
        """Put the question off: into the field, Escape (the prompt's Later; a key, so it
        too waits for the keyboard)."""
        self._click_until_focused(window)
        self._xdotool("key", "Escape")

    def screenshot(self, path: Path) -> None:
        """The whole screen, for the run's evidence (ImageMagick's import)."""
        subprocess.run(
            ["import", "-window", "root", str(path)],
            env=self.env,
            capture_output=True,
            timeout=self._timeout_s,
        )

    def work(self) -> None:
        """A little pointer motion, as anyone working in a remote session makes."""
        self._wiggle = -self._wiggle
        xtest.fake_input(self._display, X.MotionNotify, detail=True, x=self._wiggle, y=0)
        self._display.sync()

    def close(self) -> None:
        self._display.close()
