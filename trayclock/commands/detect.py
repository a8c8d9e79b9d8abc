"""`trayclock detect`: the sessions detection sees now (--once), as they happen (--watch),
in a log file (--parse FILE), and what each signal source sees (--status).

JSON goes to stdout (one array, or one event object per line); diagnostics go to stderr so
a technician can see why a session was missed.

Exit status: 0 done; 2 bad input — the command line is wrong, or the --parse file cannot
be read or holds no log we know (missing, not a regular file, over the size cap, not
recognised, no line of the format) — with one line on stderr naming it.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from trayclock.commands.arguments import seconds
from trayclock.domain.clock import Clock
from trayclock.domain.session import APPS, SessionEvent
from trayclock.exit_code import ExitCode

ONCE_SETTLE_S = 0.2  # --once polls twice, this far apart, so late window properties arrive


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--once", action="store_true", help="print the sessions open now as a JSON array (default)"
    )
    mode.add_argument(
        "--watch",
        action="store_true",
        help="print one JSON object per session event, one per line, until Ctrl-C",
    )
    mode.add_argument(
        "--parse", metavar="FILE", type=Path, help="print every session in a log file (JSON array)"
    )
    mode.add_argument("--status", action="store_true", help="show what each signal source sees")
    parser.add_argument(
        "--app",
        action="append",
        choices=APPS,
        help="only this remote app (repeatable); with --parse, the file's app if not recognised",
    )
    parser.add_argument(
        "--log",
        action="append",
        default=[],
        metavar="APP=PATH",
        help="read APP's log at PATH instead of its usual places (repeatable, globs allowed; "
        "APP= alone: read no log for APP)",
    )
    parser.add_argument(
        "--interval",
        type=seconds,
        default=None,
        metavar="S",
        help="poll interval while a session is tracked or a source has no change events "
        "(default 1 s; otherwise detection waits for window and log events)",
    )
    parser.add_argument(
        "--grace",
        type=seconds,
        default=None,
        metavar="S",
        help="how long a session may vanish before it counts as ended (default 60 s)",
    )
    parser.add_argument("--no-windows", action="store_true", help="ignore window titles")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more diagnostics")


def _error(message: str) -> None:
    print(f"trayclock detect: {message}", file=sys.stderr, flush=True)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _run_parse(args: argparse.Namespace) -> ExitCode:
    from trayclock.detect.parse import parse_file

    app = args.app[0] if args.app else None
    if args.app and len(args.app) > 1:
        _error("--parse takes at most one --app")
        return ExitCode.INVALID_INPUT
    try:
        sessions = parse_file(args.parse, app)
    except OSError as exc:  # in words, naming the file (not "[Errno 2] No such file …")
        _error(f"{args.parse}: cannot read it ({_unreadable(exc)})")
        return ExitCode.INVALID_INPUT
    except ValueError as exc:
        _error(str(exc))
        return ExitCode.INVALID_INPUT
    print(_dump([s.to_json() for s in sessions]), flush=True)
    return ExitCode.OK


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a log file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or type(exc).__name__


def _open(args: argparse.Namespace, clock: Clock) -> Any:
    from trayclock.detect.monitor import GRACE_S, POLL_INTERVAL_S, open_monitor
    from trayclock.detect.signals.window_source import NullWindowSource
    from trayclock.services.detection_options import log_paths_from_items

    return open_monitor(
        clock,
        poll_interval_s=POLL_INTERVAL_S if args.interval is None else args.interval,
        grace_s=GRACE_S if args.grace is None else args.grace,
        apps=args.app,
        log_paths=log_paths_from_items(args.log, "--log") or None,
        window_source=NullWindowSource("window titles ignored (--no-windows)")
        if args.no_windows
        else None,
        watch_files=bool(args.watch),
    )


def _report_problems(monitor: Any) -> None:
    for status in monitor.status():
        if not status.ok:
            _error(f"{status.name}: {status.detail}")


def _run_once(monitor: Any) -> ExitCode:
    monitor.poll_once()
    time.sleep(ONCE_SETTLE_S)
    monitor.poll_once()
    _report_problems(monitor)
    print(_dump([s.to_json() for s in monitor.open_sessions()]), flush=True)
    return ExitCode.OK


def _run_status(monitor: Any) -> ExitCode:
    monitor.poll_once()
    for status in monitor.status():
        print(f"{'ok ' if status.ok else '-- '} {status.name}: {status.detail}")
    windows = monitor.windows.list_windows() if monitor.windows is not None else []
    matched = [(w, monitor.match(w)) for w in windows]
    print(f"    windows: {len(windows)} listed, {sum(1 for _, s in matched if s)} session windows")
    for window, sighting in matched:
        if sighting is not None:
            who = sighting.partner_id or sighting.partner_name
            print(f"      {sighting.app}: {window.title!r} (class {window.wm_class}) → {who}")
    sessions = monitor.open_sessions()
    print(f"    open sessions: {len(sessions)}")
    for session in sessions:
        print(f"      {_dump(session.to_json())}")
    return ExitCode.OK


def _run_watch(monitor: Any) -> ExitCode:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()
        monitor.wake()

    previous = signal.signal(signal.SIGTERM, on_signal)

    def on_event(event: SessionEvent) -> None:
        print(_dump(event.to_json()), flush=True)

    try:
        # The first read of every source happens here, so problems show up front.
        for event in monitor.poll_once():
            on_event(event)
        _report_problems(monitor)
        monitor.run(stop, on_event)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    return ExitCode.OK


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    level = (
        logging.WARNING
        if args.verbose == 0
        else logging.INFO
        if args.verbose == 1
        else logging.DEBUG
    )
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    if args.parse is not None:
        return _run_parse(args)
    if args.interval is not None and args.interval <= 0:
        _error("--interval must be positive")
        return ExitCode.INVALID_INPUT
    if args.grace is not None and args.grace < 0:
        _error("--grace must not be negative")
        return ExitCode.INVALID_INPUT
    try:
        monitor = _open(args, clock)
    except ValueError as exc:
        _error(str(exc))
        return ExitCode.INVALID_INPUT
    try:
        if args.status:
            return _run_status(monitor)
        if args.watch:
            return _run_watch(monitor)
        return _run_once(monitor)
    except BrokenPipeError:  # `trayclock detect --watch | head`: the reader left, not an error
        return ExitCode.OK
    finally:
        monitor.close()
