"""`trayclock --self-check`: what works on this machine and why not; non-zero when something
essential is missing (Qt platform plugin, a tray, a keyring, readable logs, its folders)."""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from trayclock.config import paths
from trayclock.diagnostics.collect import collect, run_qt_probe
from trayclock.diagnostics.report import format_text
from trayclock.domain.clock import Clock

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="the report as JSON")
    # The child that asks Qt (see trayclock.diagnostics.collect); not for people.
    parser.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)


def detection_log_paths() -> Mapping[str, Sequence[Path]] | None:
    """The log paths the tray would read: its `detection` setting and TRAYCLOCK_LOGS."""
    from trayclock.services.detection_options import DetectionOptions, stored_detection_options

    try:
        options = DetectionOptions.from_environ()
    except ValueError as error:
        print(f"trayclock --self-check: {error}", file=sys.stderr)
        options = DetectionOptions()
    database = paths().database
    if database.is_file():
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            # The environment wins field by field, as in the tray (services.startup).
            options = options.over(stored_detection_options(conn))
        except sqlite3.Error as error:
            log.warning("the store's detection setting not read: %s", error)
        finally:
            conn.close()
    return options.log_paths


def run(args: argparse.Namespace, clock: Clock) -> int:
    if args.qt_probe:
        from trayclock.ui.self_check import probe_main

        return probe_main()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    report = collect(clock, run_qt_probe(), log_paths=detection_log_paths())
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(format_text(report))
    return report.exit_status
