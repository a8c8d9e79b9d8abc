"""`trayclock demo`: the real tray on a throw-away TRAYCLOCK_HOME, playing a scripted support day.

Everything is real except detection: the store, the tracker, the tray, the prompt and the
notifications are the ones a technician uses. A script plays the detector's part (an
AnyDesk session to a known partner, a TeamViewer session to an unknown one that asks
"which customer?", an overlap of two customers, the ends), so the whole flow shows on any
desktop without a remote tool installed. The demo's data lives in a temporary folder and
never touches the real store.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from trayclock.commands.arguments import seconds
from trayclock.commands.display import no_display_problem
from trayclock.config import HOME_ENV, paths
from trayclock.domain.clock import Clock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.exit_code import ExitCode

DEFAULT_STEP_S = 6.0  # time between scripted steps: long enough to read a notification

# (key, name) of the demo's customers
DEMO_CUSTOMERS = (
    ("acme-dental", "Acme Dental"),
    ("beta-bakery", "Beta Bakery"),
    ("miller-law", "Miller & Sons Law"),
    ("northwind", "Northwind Traders"),
)
KNOWN_ANYDESK = ("482193577", "reception-pc", "acme-dental")
KNOWN_RUSTDESK = ("731004982", "bakery-office", "beta-bakery")
UNKNOWN_TEAMVIEWER = ("1234567890", "FRONTDESK-PC")


@dataclass(frozen=True, slots=True)
class Step:
    """After `delay_s`, detection reports this session event (`started_ago`: the log's start).

    `says` is printed in the terminal as the step plays, so the newcomer knows what to watch.
    """

    delay_s: float
    kind: EventKind
    app: str
    key: str
    partner_id: str | None
    partner_name: str | None
    says: str
    started_ago: timedelta = timedelta(0)


def script(step_s: float) -> list[Step]:
    """The demo's day, one step every `step_s` seconds."""
    ad_id, ad_name, _ = KNOWN_ANYDESK
    rd_id, rd_name, _ = KNOWN_RUSTDESK
    tv_id, tv_name = UNKNOWN_TEAMVIEWER
    started, ended = EventKind.STARTED, EventKind.ENDED
    return [
        Step(
            step_s / 3,
            started,
            "anydesk",
            "demo-ad-1",
            ad_id,
            ad_name,
            "AnyDesk to a partner trayclock knows: attached to Acme Dental by itself "
            "(the notification offers 'change').",
            timedelta(minutes=12),
        ),
        Step(
            step_s,
            started,
            "teamviewer",
            "demo-tv-1",
            tv_id,
            tv_name,
            "TeamViewer to an unknown partner: the prompt asks 'which customer?' without "
            "taking the keyboard. Click into it to type, or press Later.",
            timedelta(minutes=1),
        ),
        Step(
            step_s * 2,
            started,
            "rustdesk",
            "demo-rd-1",
            rd_id,
            rd_name,
            "RustDesk to Beta Bakery while Acme Dental runs: both are flagged as an overlap "
            "and the notification names the company's policy.",
        ),
        Step(
            step_s * 2, ended, "rustdesk", "demo-rd-1", rd_id, rd_name, "The RustDesk session ends."
        ),
        Step(
            step_s,
            ended,
            "anydesk",
            "demo-ad-1",
            ad_id,
            ad_name,
            "The AnyDesk session ends. The TeamViewer one runs until you stop it from the "
            "tray menu; quit the demo from the menu too.",
        ),
    ]


class ScriptedDetection:
    """An EventSource that plays a script in the detection worker thread."""

    def __init__(self, steps: Sequence[Step], clock: Clock, *, narrate: bool = False) -> None:
        self._steps = list(steps)
        self.narrate = narrate
        self._clock = clock
        self._starts: dict[str, datetime] = {}
        self.done = threading.Event()

    def __call__(self, emit: Callable[[SessionEvent], None], stop: threading.Event) -> None:
        for step in self._steps:
            if stop.wait(step.delay_s):  # wakes at once when the app quits
                return
            if self.narrate:
                print(f"  → {step.says}", flush=True)
            emit(self.event(step))
        self.done.set()

    def event(self, step: Step) -> SessionEvent:
        now = self._clock.now()
        start = self._starts.setdefault(step.key, now - step.started_ago)
        ended = step.kind is EventKind.ENDED
        session = RemoteSession(
            app=step.app,
            key=step.key,
            partner_id=step.partner_id,
            partner_name=step.partner_name,
            start=start,
            end=now if ended else None,
            outcome=Outcome.COMPLETED if ended else Outcome.OPEN,
        )
        return SessionEvent(step.kind, session, now)


def seed(clock: Clock) -> None:
    """Customers, two remembered partners, and a morning's finished work (demo home only)."""
    from trayclock.store import customers, db, mappings, settings
    from trayclock.tracker import Tracker

    now = clock.now()
    conn = db.connect(paths().ensure().database)
    try:
        ids = {key: customers.upsert(conn, key, name, now=now).id for key, name in DEMO_CUSTOMERS}
        for app, (partner_id, partner_name, key) in (
            ("anydesk", KNOWN_ANYDESK),
            ("rustdesk", KNOWN_RUSTDESK),
        ):
            mappings.remember(conn, app, partner_id, ids[key], partner_name=partner_name, now=now)
        settings.set_policy(conn, {"concurrency": "bill_each", "rate": "85.00"}, now=now)
        tracker = Tracker(conn, clock)
        morning = [
            (timedelta(hours=3), timedelta(minutes=40), "miller-law", "new mailbox"),
            (timedelta(hours=2), timedelta(minutes=25), "northwind", "printer queue"),
        ]
        for ago, length, key, note in morning:
            start = now - ago
            tracker.add_manual(start, start + length, customer_id=ids[key], notes=note)
    finally:
        conn.close()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--step",
        type=seconds,
        default=DEFAULT_STEP_S,
        metavar="SECONDS",
        help=f"seconds between the scripted steps (default {DEFAULT_STEP_S:g})",
    )
    parser.add_argument("--keep", action="store_true", help="keep the demo's folder afterwards")
    parser.add_argument(
        "--home",
        type=Path,
        metavar="DIR",
        help="use this (new or empty) folder instead of a temporary one",
    )


def run(args: argparse.Namespace, clock: Clock) -> int:
    if args.step <= 0:
        print("trayclock demo: --step must be positive", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    # Before any folder is made: without a display Qt would abort the process, leaving the
    # demo's folder behind, with a hint (install libxcb-cursor0) that is not the cause.
    problem = no_display_problem()
    if problem:
        print(f"trayclock demo: {problem}", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    if args.home is not None:
        home = args.home.expanduser().resolve()
        if home.exists() and any(home.iterdir()):
            print(
                f"trayclock demo: {home} is not empty; the demo needs a folder of its own",
                file=sys.stderr,
            )
            return ExitCode.INVALID_INPUT
        home.mkdir(parents=True, exist_ok=True)
    else:
        home = Path(tempfile.mkdtemp(prefix="trayclock-demo-"))
    # Before anything reads a path: from here on every path of the app is under `home`.
    os.environ[HOME_ENV] = str(home)
    if not paths().database.is_relative_to(home):
        print("trayclock demo: refusing to run outside the demo folder", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    fate = "kept afterwards" if args.keep else "thrown away at the end"
    print(f"trayclock demo: data in {home} ({fate})")
    print("Watch the tray icon: sessions start by themselves; quit from the tray menu.")
    try:
        seed(clock)
        from trayclock.ui.qt_import import load_qt

        load_qt()  # before the composition root (see there)
        from trayclock.app import run_tray

        detection = ScriptedDetection(script(args.step), clock, narrate=True)
        return run_tray(detection=detection, clock=clock)
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
        else:
            print(f"trayclock demo: kept {home}")
