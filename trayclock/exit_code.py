"""The exit statuses of every `trayclock` command line (the tray's and each sub-command's)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a command line leaves its shell with."""

    OK = 0
    FAILED = 1  # could not do it: the store cannot be opened, another tray runs, …
    INVALID_INPUT = 2  # bad arguments, a bad file or setting: the message names it
