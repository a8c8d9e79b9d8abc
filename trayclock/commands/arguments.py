"""The command line's own arguments: one-line refusals, and the days, moments, zones and
seconds the commands take, checked at the door.

A refusal is one line, `trayclock COMMAND: argument --from: … (see 'trayclock COMMAND
--help')`, and exit status 2, never a traceback or a usage dump.

Days and moments are held to what the store can keep and show in every time zone: a moment
within the billing engine's own limits (trayclock.domain.billing_limits.moment_problem, the
one rule; issue #12: `astimezone` of year 1 or 9999 overflows, and one such stored value
made every later export crash); a day such that it and the next midnight, in any zone
(offsets stay under a day), fall inside them.
"""

from __future__ import annotations

import argparse
import math
from datetime import date, timedelta, tzinfo
from typing import NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trayclock.domain.billing_limits import EARLIEST_MOMENT, LATEST_MOMENT
from trayclock.exit_code import ExitCode

_ONE_DAY = timedelta(days=1)
EARLIEST_DAY = EARLIEST_MOMENT.date() + _ONE_DAY
LATEST_DAY = LATEST_MOMENT.date() - 2 * _ONE_DAY
MAX_ZONE_CHARS = 64  # the longest IANA name has 32
MAX_SHOWN_CHARS = 40  # of a bad value, in a message
MAX_SECONDS = 86_400.0  # an interval, grace or step longer than a day is a typo


class CommandParser(argparse.ArgumentParser):
    """argparse whose refusals are one line and exit status 2 (sub-commands inherit it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.INVALID_INPUT, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def shown(text: str) -> str:
    """A value for a message: quoted, escaped (control characters, lone surrogates), short."""
    cut = text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"
    return ascii(cut) if not cut.isprintable() else repr(cut)


def day(text: str) -> date:
    """An argparse type: a calendar day, YYYY-MM-DD, inside EARLIEST_DAY … LATEST_DAY."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a date (YYYY-MM-DD)") from None
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise argparse.ArgumentTypeError(
            f"{value} is outside the days trayclock can show ({EARLIEST_DAY} to {LATEST_DAY})"
        )
    return value


def zone(text: str) -> tzinfo:
    """An IANA time zone by name; ValueError says what is wrong with it."""
    name = text.strip()
    if not name or len(name) > MAX_ZONE_CHARS or not name.isprintable():
        raise ValueError(f"{shown(text)} is not a time zone name (e.g. Europe/Berlin)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {shown(name)} (e.g. Europe/Berlin)") from None


def zone_argument(text: str) -> tzinfo:
    """An argparse type: `--tz`, an IANA time zone."""
    try:
        return zone(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def seconds(text: str) -> float:
    """An argparse type: a finite number of seconds, 0 … MAX_SECONDS."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a number of seconds") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{shown(text)}: must be between 0 and {MAX_SECONDS:g} seconds"
        )
    return value
