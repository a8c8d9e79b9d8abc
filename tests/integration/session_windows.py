"""A stand-in for a remote tool's GUI: real X windows, opened and closed on command (a child).

Run as `python session_windows.py` with DISPLAY set. It reads one command per line on stdin
and answers each with one line on stdout, after the X server has processed it:

    open NAME TITLE...   → "opened NAME 0x<window id>"   a mapped top-level window, WM_CLASS
                                                          "anydesk", titled TITLE (UTF-8)
    open-as CLASS NAME TITLE...  → the same with WM_CLASS CLASS (instance: CLASS lower-cased)
    close NAME           → "closed NAME <unix time>"     destroyed; the time it was gone
    quit                 → exits

A separate process, as AnyDesk is: trayclock sees the windows only through the X server.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from Xlib import X, Xatom
from Xlib.display import Display


def main() -> int:
    display = Display(os.environ["DISPLAY"])
    root = display.screen().root
    net_wm_name = display.intern_atom("_NET_WM_NAME")
    net_wm_pid = display.intern_atom("_NET_WM_PID")
    utf8 = display.intern_atom("UTF8_STRING")
    windows: dict[str, Any] = {}
    for line in sys.stdin:
        words = line.split(maxsplit=2)
        if not words:
            continue
        wm_class = ("anydesk", "AnyDesk")
        if words[0] == "open-as":
            words = line.split(maxsplit=3)
            if len(words) == 4:
                wm_class = (words[1].lower(), words[1])
                words = ["open", words[2], words[3]]
        if words[0] == "open" and len(words) == 3:
            name, title = words[1], words[2].rstrip("\n")
            win = root.create_window(
                200, 200, 640, 400, 0, X.CopyFromParent, background_pixel=0x336699
            )
            win.set_wm_name(title.encode("latin-1", "replace"))
            win.change_property(net_wm_name, utf8, 8, title.encode())
            win.set_wm_class(*wm_class)
            win.change_property(net_wm_pid, Xatom.CARDINAL, 32, [os.getpid()])
            win.set_wm_hints(flags=1, input=1)  # InputHint: it takes the keyboard, as a viewer does
            win.map()
            display.sync()
            windows[name] = win
            print(f"opened {name} {win.id:#x}", flush=True)
        elif words[0] == "close" and len(words) == 2:
            win = windows.pop(words[1])
            win.destroy()
            display.sync()
            print(f"closed {words[1]} {time.time():.3f}", flush=True)
        elif words[0] == "quit":
            break
        else:
            print(f"error: cannot read {line.strip()!r}", flush=True)
    display.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
